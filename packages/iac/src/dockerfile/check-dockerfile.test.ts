import { describe, expect, it } from 'vitest';
import aptVariants from '../../../../test/fixtures/iac/quality/docker/apt-variants.Dockerfile?raw';
import ignoresValid from '../../../../test/fixtures/iac/quality/docker/ignores-valid.Dockerfile?raw';
import latest from '../../../../test/fixtures/iac/quality/docker/latest-and-friends.Dockerfile?raw';
import multistage from '../../../../test/fixtures/iac/quality/docker/multistage-valid.Dockerfile?raw';
import stageInherits from '../../../../test/fixtures/iac/quality/docker/stage-inherits-valid.Dockerfile?raw';
import untaggedSecrets from '../../../../test/fixtures/iac/quality/docker/untagged-secrets.Dockerfile?raw';
import userAfterRoot from '../../../../test/fixtures/iac/quality/docker/user-after-root.Dockerfile?raw';
import { checkDockerfile } from './check-dockerfile.js';

const FILES: Record<string, string> = {
  'apt-variants.Dockerfile': aptVariants,
  'latest-and-friends.Dockerfile': latest,
  'untagged-secrets.Dockerfile': untaggedSecrets,
};
const at = (text: string) =>
  checkDockerfile(text, 'Dockerfile').map((f) => `${f.ruleId} ${f.location?.line}:${f.location?.column}`);

describe('checkDockerfile', () => {
  it.each([
    ['dockerfile/latest-base', 'latest-and-friends.Dockerfile', '1:6'],
    ['dockerfile/root-user', 'latest-and-friends.Dockerfile', '1:1'],
    ['dockerfile/missing-healthcheck', 'latest-and-friends.Dockerfile', '1:1'],
    ['dockerfile/add-local-files', 'latest-and-friends.Dockerfile', '3:5'],
    ['dockerfile/apt-lists-not-removed', 'latest-and-friends.Dockerfile', '4:5'],
    ['dockerfile/apt-no-install-recommends', 'latest-and-friends.Dockerfile', '4:23'],
    ['dockerfile/cd-instead-of-workdir', 'latest-and-friends.Dockerfile', '5:5'],
    ['dockerfile/untagged-base', 'untagged-secrets.Dockerfile', '1:6'],
    ['dockerfile/secret-in-arg-env', 'untagged-secrets.Dockerfile', '2:5'],
    ['dockerfile/secret-in-arg-env', 'untagged-secrets.Dockerfile', '3:5'],
    ['dockerfile/secret-in-arg-env', 'untagged-secrets.Dockerfile', '5:25'],
    ['dockerfile/root-user', 'untagged-secrets.Dockerfile', '11:1'],
    ['dockerfile/apt-no-install-recommends', 'apt-variants.Dockerfile', '3:19'],
    ['dockerfile/apt-lists-not-removed', 'apt-variants.Dockerfile', '3:5'],
    ['dockerfile/apt-no-install-recommends', 'apt-variants.Dockerfile', '4:10'],
    ['dockerfile/apt-lists-not-removed', 'apt-variants.Dockerfile', '5:5'],
    ['dockerfile/apt-no-install-recommends', 'apt-variants.Dockerfile', '6:1'],
    ['dockerfile/root-user', 'apt-variants.Dockerfile', '8:1'],
  ])('%s in %s at %s', (rule, name, position) => {
    expect(at(FILES[name]!)).toContain(`${rule} ${position}`);
  });

  it.each([
    ['multi-stage build with ARG-substituted tags, a nonroot distroless final stage, a subshell cd', multistage],
    ['USER 1000 after root steps, digests, URL and archive ADDs, GPG_KEY and *_FILE variables', userAfterRoot],
    ['a final stage built FROM an earlier stage (case-insensitive) inheriting its USER and HEALTHCHECK', stageInherits],
    ['hadolint ignore comments, a global ignore and BuildKit check=skip', ignoresValid],
  ])('finds nothing in a %s', (_what, text) => {
    expect(at(text)).toEqual([]);
  });

  it('never puts a secret value in a message', () => {
    const messages = checkDockerfile(untaggedSecrets, 'Dockerfile')
      .map((f) => f.message)
      .join('\n');
    expect(messages).not.toContain('hunter2');
    expect(messages).not.toContain('AKIA4JZQ7XR2M5WBHK3N');
  });

  it('applies a hadolint ignore comment to the next instruction only', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3003\nRUN cd /a\nRUN cd /b\nUSER 1000\nHEALTHCHECK NONE\n';
    expect(at(text)).toEqual(['dockerfile/cd-instead-of-workdir 4:5']);
  });

  it('does not judge a base image whose tag comes from a build argument without a default', () => {
    expect(at('ARG TAG\nFROM node:${TAG}\nUSER node\nHEALTHCHECK NONE\n')).toEqual([]);
    expect(at('ARG TAG=latest\nFROM node:${TAG}\nUSER node\nHEALTHCHECK NONE\n')).toEqual([
      'dockerfile/latest-base 2:6',
    ]);
  });

  it('reports apt lists only in stages that reach the image, and accepts cache mounts', () => {
    const builder = 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n';
    const final = 'FROM debian:12-slim\nUSER 1000\nHEALTHCHECK NONE\n';
    expect(at(builder + final)).toEqual([]);
    const based = 'FROM build\nUSER 1000\nHEALTHCHECK NONE\n';
    expect(at(builder + based)).toEqual(['dockerfile/apt-lists-not-removed 2:5']);
    const cached =
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends gcc\nUSER 1000\nHEALTHCHECK NONE\n';
    expect(at(cached)).toEqual([]);
  });

  it('reads USER through ARG and ENV defaults and treats root:group and 0 as root', () => {
    expect(at('FROM alpine:3.20\nARG APP_UID=0\nUSER ${APP_UID}:1000\nHEALTHCHECK NONE\n')).toEqual([
      'dockerfile/root-user 3:1',
    ]);
    expect(at('FROM alpine:3.20\nENV APP_UID=10001\nUSER ${APP_UID}\nHEALTHCHECK NONE\n')).toEqual([]);
    expect(at('FROM alpine:3.20\nUSER $UNKNOWN\nHEALTHCHECK NONE\n')).toEqual([]);
  });

  it('accepts FROM scratch without USER or HEALTHCHECK, but not an explicit root user there', () => {
    const build = 'FROM golang:1.22 AS build\nRUN go build -o /app .\n';
    expect(at(`${build}FROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n`)).toEqual([]);
    expect(at(`${build}FROM scratch\nCOPY --from=build /app /app\nUSER 0\n`)).toEqual(['dockerfile/root-user 5:1']);
  });
});
