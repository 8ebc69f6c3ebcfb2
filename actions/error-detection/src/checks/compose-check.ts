import { checkComposeFile, loadComposeValidator } from '@shipgate/manifests';
import type { Check, CheckScope } from '../check.js';
import { fromManifestFinding } from '../finding-of.js';
import { isComposeFile } from '../workspace-files.js';
import { parseDotenv, valuesOf } from './parse-dotenv.js';

const composeFiles = (scope: CheckScope): string[] => scope.files.list.filter(isComposeFile);

/**
 * The variables Compose interpolates with: the env file's (Compose reads `.env` beside the compose file by
 * default), then the job's environment, which wins as in Compose.
 */
export function composeLookup(scope: CheckScope): (name: string) => string | undefined {
  const text = scope.files.read(scope.envFile.path);
  const fromFile = text === undefined ? new Map<string, string>() : valuesOf(parseDotenv(text));
  return (name) => scope.environment(name) ?? fromFile.get(name);
}

/** Compose files against the Compose Specification after `${VAR}` interpolation. */
export const composeCheck: Check = {
  category: 'compose',
  weight: 2,
  applies: (scope) => composeFiles(scope).length > 0,
  async check(scope) {
    const files = composeFiles(scope);
    const check = { validate: await loadComposeValidator(), lookup: composeLookup(scope) };
    const findings = files.flatMap((file) => {
      const text = scope.files.read(file);
      if (text === undefined) return [];
      return checkComposeFile(scope.files.shown(file), text, check).map((finding) =>
        fromManifestFinding('compose', finding, finding.file),
      );
    });
    return { findings, checked: `${files.length} compose file${files.length === 1 ? '' : 's'}` };
  },
};
