import { checkComposeFile, isComposeFile, loadComposeValidator } from '@shipgate/manifests';
import type { Check, CheckScope } from '../check.js';
import { fromManifestFinding } from '../finding-of.js';
import { parseDotenv, valuesOf } from './parse-dotenv.js';

const composeFiles = (scope: CheckScope): string[] => scope.files.list.filter(isComposeFile);

/**
 * The variables Compose interpolates a file with: the job's environment, which wins as in Compose, then the `.env`
 * beside the compose file (Compose's project directory), else the env file.
 */
export function composeLookup(scope: CheckScope, composeFile: string): (name: string) => string | undefined {
  const dir = composeFile.includes('/') ? composeFile.slice(0, composeFile.lastIndexOf('/') + 1) : '';
  const beside = `${dir}.env`;
  const text = scope.files.read(dir !== '' && scope.files.exists(beside) ? beside : scope.envFile.path);
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
    const validate = await loadComposeValidator();
    const findings = files.flatMap((file) => {
      const text = scope.files.read(file);
      if (text === undefined) return [];
      const check = { validate, lookup: composeLookup(scope, file) };
      return checkComposeFile(scope.files.shown(file), text, check).map((finding) =>
        fromManifestFinding('compose', finding, finding.file),
      );
    });
    return { findings, checked: `${files.length} compose file${files.length === 1 ? '' : 's'}` };
  },
};
