import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError, type ActionContext } from '@shipgate/kit';
import { parseProbeFile } from '@shipgate/probes';
import type { ProbeSuiteDefinition } from '@shipgate/probes';
import { Inputs, type Settings } from './settings.js';

/**
 * Reads the probe file, or the `probes` section of the config file when there is no probe file, and masks
 * the secret values substituted into it. Paths in messages and annotations are relative to the workspace,
 * as GitHub needs them.
 */
export function loadProbes(context: ActionContext, settings: Settings, env: Record<string, string | undefined>): ProbeSuiteDefinition {
  const path = resolve(context.workingDirectory, settings.probesFile);
  const shown = (p: string): string => relative(context.runner.workspace, p) || p;
  let suite: ProbeSuiteDefinition;
  if (existsSync(path)) {
    suite = parseProbeFile(readFileSync(path, 'utf8'), shown(path), { env });
  } else if (!settings.probesFileGiven && context.config && Array.isArray(context.config.data.probes)) {
    const configPath = resolve(context.workingDirectory, context.config.file);
    suite = parseProbeFile(readFileSync(configPath, 'utf8'), shown(configPath), { env, embedded: true });
  } else {
    throw new InputError(Inputs.Probes, settings.probesFile, `a probe file relative to ${shown(context.workingDirectory) || 'the workspace'}`, {
      hint: `No file at ${shown(path)}${settings.probesFileGiven ? '' : ', and the config file has no probes section'}. Create it (see the synthetic-probes README for the format) or set the 'probes' input.`,
    });
  }
  for (const secret of suite.secrets) context.secrets.add(secret);
  return suite;
}
