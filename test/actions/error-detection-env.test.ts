// error-detection's env category on sample repositories: the env file against the example, variables read by
// compose files, manifests and workflows, malformed lines, and a committed secret that is reported but never
// printed. The patch of fixes is checked with git apply.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT, detect, located, readReport, repositoryWith } from './error-detection-setup.js';

// Built at run time so that no token-shaped text is committed.
const TOKEN = `ghp_${'Zq7Lm2Xv9Rk4Tn8Wc3Yb6Hd1Pf5Gs0Ja'}9kQe`;

describe('error-detection: env', () => {
  it('compares the env file with the example and lists what the deploy reads', async () => {
    const workflow = `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      API_KEY: \${{ secrets.API_KEY }}\n      CI_MODE: fast\n    steps:\n      - run: ./deploy.sh\n`;
    const manifest = DEPLOYMENT.replace('value: "hello $(POD_NAME)"', 'value: "${GREETING_TEXT}"');
    const workspace = repositoryWith({
      '.env.example': '# the app\nDATABASE_URL=postgres://localhost/app\nREDIS_URL=redis://localhost\nLOG_LEVEL=info\n',
      '.env': 'DATABASE_URL=postgres://db/app\nLOG_LEVEL=debug\nLOG_LEVEL=warn\nEXTRA_FLAG=1\nnot a line\n',
      'compose.yaml':
        'services:\n  web:\n    image: nginx\n    environment:\n      - SESSION_SECRET\n      - PORT=${PORT:-80}\n',
      'k8s/web.yaml': manifest,
      '.github/workflows/deploy.yml': workflow,
    });
    const run = await detect(workspace, { categories: 'env' });
    const report = readReport(run);
    expect(located(report).sort()).toEqual(
      [
        'env/missing-key .env.example:3:1',
        'env/malformed-line .env:5:1',
        'env/duplicate-key .env:3:1',
        'env/undocumented-key .env:4:1',
        'env/unlisted-variable compose.yaml:5:9',
        'env/unlisted-variable k8s/web.yaml:20:23',
        'env/unlisted-variable .github/workflows/deploy.yml:6:7',
      ].sort(),
    );
    expect(run.outputs.result).toBe('fail');
    const patch = readFileSync(run.outputs['patch-file'] ?? '', 'utf8');
    expect(patch).toContain('+REDIS_URL=redis://localhost');
    expect(patch).toContain('+SESSION_SECRET=');
    expect(patch).toContain('+API_KEY=');
    expect(patch).not.toContain('CI_MODE');
    // A patch a person can apply as it is.
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    execFileSync('git', ['apply', '--check', run.outputs['patch-file'] ?? ''], { cwd: workspace });
    execFileSync('git', ['apply', run.outputs['patch-file'] ?? ''], { cwd: workspace });
    expect(readFileSync(`${workspace}/.env`, 'utf8')).toContain('REDIS_URL=redis://localhost\n');
  });

  it('reports a secret committed in an env file without ever printing it', async () => {
    const workspace = repositoryWith({
      '.env.example': 'GITHUB_TOKEN_FOR_BOT=\n',
      '.env': `GITHUB_TOKEN_FOR_BOT=${TOKEN}\n`,
    });
    const run = await detect(workspace, { categories: 'env', 'sarif-file': 'env.sarif' });
    const report = readReport(run);
    expect(located(report)).toEqual(['env/committed-secret .env:1:22']);
    expect(report.data.findings[0]?.severity).toBe('critical');
    // Registering the value as a mask is the one place it may appear.
    const everything = [
      run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.summary,
      readFileSync(run.outputs.report ?? '', 'utf8'),
      readFileSync(`${workspace}/env.sarif`, 'utf8'),
      JSON.stringify(run.annotations),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(run.masked).toContain(TOKEN);
  });

  it('compares each example of a monorepo with the .env beside it', async () => {
    const workspace = repositoryWith({
      'services/api/.env.example': 'API_PORT=8080\nAPI_SECRET=\n',
      'services/api/.env': 'API_PORT=9090\n',
      'services/web/.env.example': 'WEB_URL=\n',
      'services/web/.env': 'WEB_URL=https://web\n',
    });
    const run = await detect(workspace, { categories: 'env' });
    expect(located(readReport(run))).toEqual(['env/missing-key services/api/.env.example:2:1']);
    expect(readFileSync(run.outputs['patch-file'] ?? '', 'utf8')).toContain('+++ b/services/api/.env\n');
  });

  it('does not report a secret in an env file git does not track', async () => {
    const workspace = repositoryWith({ '.env.example': 'BOT_TOKEN=\n', '.env': `BOT_TOKEN=${TOKEN}\n` });
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    execFileSync('git', ['add', '.env.example'], { cwd: workspace });
    const run = await detect(workspace, { categories: 'env' });
    expect(run.exitCode, run.log).toBe(0);
    expect(readReport(run).data.findings).toEqual([]);
  });
});
