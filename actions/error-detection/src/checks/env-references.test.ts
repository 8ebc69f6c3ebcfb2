import { describe, expect, it } from 'vitest';
import { composeReferences, kubernetesReferences, workflowReferences } from './env-references.js';

const names = (refs: { name: string; line: number; column: number }[]) =>
  refs.map((r) => `${r.name}@${r.line}:${r.column}`);

describe('composeReferences', () => {
  it('counts variables without a default and pass-through entries, not defaults or escapes', () => {
    const compose = [
      'services:',
      '  web:',
      '    image: "app:${TAG}"',
      '    command: echo $$HOME ${OPTIONAL:-x} ${REQUIRED:?set it} $PLAIN',
      '    environment:',
      '      - SECRET_KEY',
      '      - MODE=prod',
      '    # ${COMMENTED}',
      '  db:',
      '    image: postgres',
    ].join('\n');
    expect(names(composeReferences('compose.yaml', compose))).toEqual([
      'TAG@3:17',
      'REQUIRED@4:41',
      'PLAIN@4:61',
      'SECRET_KEY@6:9',
    ]);
  });
  it("leaves out the shell's own variables", () => {
    const compose =
      'services:\n  app:\n    volumes:\n      - $HOME/.cache:/cache\n      - ${PWD}/data:/data\n      - ${DATA_DIR}:/srv\n';
    expect(names(composeReferences('compose.yaml', compose))).toEqual(['DATA_DIR@6:9']);
  });
});

describe('kubernetesReferences', () => {
  it('counts envsubst placeholders, not Kubernetes dependent variables', () => {
    const manifest = 'spec:\n  value: "${IMAGE_TAG}"\n  other: "$(POD_NAME)"\n# ${IN_COMMENT}\n';
    expect(names(kubernetesReferences('k.yaml', manifest))).toEqual(['IMAGE_TAG@2:11']);
  });
});

describe('workflowReferences', () => {
  it("counts env keys fed from secrets or variables at every level, not the runner's own token", () => {
    const workflow = [
      'env:',
      '  TOP: ${{ vars.TOP }}',
      '  CI_SWITCH: "1"',
      'jobs:',
      '  deploy:',
      '    env:',
      '      JOB: ${{ secrets.JOB }}',
      '    steps:',
      '      - env:',
      '          STEP: ${{ secrets.STEP }}',
      '          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
      '          OWN_TOKEN: ${{ github.token }}',
      '        run: ./deploy',
    ].join('\n');
    expect(names(workflowReferences('w.yml', workflow))).toEqual(['TOP@2:3', 'JOB@7:7', 'STEP@10:11']);
  });
});
