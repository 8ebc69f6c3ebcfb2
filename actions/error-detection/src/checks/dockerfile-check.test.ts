import { describe, expect, it } from 'vitest';
import { isDockerfile } from './dockerfile-check.js';

describe('isDockerfile', () => {
  it.each([
    ['Dockerfile', true],
    ['services/api/Dockerfile', true],
    ['Dockerfile.prod', true],
    ['docker/worker.Dockerfile', true],
    ['Dockerfile.dockerignore', false],
    ['.dockerignore', false],
    ['Dockerfiles/README.md', false],
    ['docs/Dockerfile.md', false],
    ['Dockerfile.txt', false],
    ['dockerfile-lint.yml', false],
  ])('%s → %s', (path, expected) => {
    expect(isDockerfile(path)).toBe(expected);
  });
});
