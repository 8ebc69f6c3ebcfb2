import { basename } from 'node:path';
import { checkDockerfile } from '@shipgate/iac';
import type { Check, CheckScope } from '../check.js';

/**
 * Dockerfiles by name: `Dockerfile`, `Dockerfile.<variant>`, `<variant>.Dockerfile` (BuildKit's per-Dockerfile
 * ignore files, `Dockerfile.dockerignore`, and notes such as `Dockerfile.md` are not Dockerfiles).
 */
export function isDockerfile(path: string): boolean {
  const name = basename(path);
  if (/\.(?:dockerignore|md|txt)$/.test(name)) return false;
  return /^Dockerfile(?:\.[\w.-]+)?$/.test(name) || /^[\w.-]+\.Dockerfile$/.test(name);
}

const dockerfiles = (scope: CheckScope): string[] => scope.files.list.filter(isDockerfile);

/**
 * Dockerfiles against the hadolint rules users rely on most (@shipgate/iac's `checkDockerfile`; `# hadolint
 * ignore=` understood). Findings keep the engine's severities, and so its penalties: a missing HEALTHCHECK is a
 * notice (info), which takes nothing off the score (an image without one still deploys).
 */
export const dockerfileCheck: Check = {
  category: 'dockerfile',
  weight: 2,
  applies: (scope) => dockerfiles(scope).length > 0,
  async check(scope) {
    const files = dockerfiles(scope);
    const findings = files.flatMap((file) => {
      const text = scope.files.read(file);
      // Findings carry the category as their scanner, as every other category's do.
      return text === undefined
        ? []
        : checkDockerfile(text, scope.files.shown(file)).map((finding) => ({ ...finding, scanner: 'dockerfile' }));
    });
    return { findings, checked: `${files.length} Dockerfile${files.length === 1 ? '' : 's'}` };
  },
};
