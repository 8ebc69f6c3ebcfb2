import { existsSync, readFileSync } from 'node:fs';
import { childEnvironment, InputError, type ActionContext } from '@shipgate/kit';
import {
  checkRelativeUrls,
  loadProbeSuite,
  selectSuite,
  type EngineSettings,
  type ProbeDefinition,
} from '@shipgate/probes';
import type { ACTION } from './inputs.js';

/** Everything synthetic-probes needs, read and checked before any probe runs. */
export interface Settings {
  /** The probe file (or config file) the probes come from, as shown in messages. */
  file: string;
  /** The probes the suite selects, with the step's timeout and retries applied. */
  probes: ProbeDefinition[];
  /** Tags selected; empty for every probe. */
  suite: string[];
  /** Base for relative URLs, without a trailing slash. */
  baseUrl: string | undefined;
  /** How the engine runs them. */
  engine: Omit<EngineSettings, 'maxBodyBytes' | 'retryDelayMs'>;
}

/**
 * Reads the inputs and the probe file (or the config file's `probes` section when the default probe file does
 * not exist); a wrong value fails here, naming the input or the file's key, before any probe runs.
 */
export function parseSettings(context: ActionContext<typeof ACTION.inputs>, env: NodeJS.ProcessEnv): Settings {
  const inputs = context.inputs;
  const probesFile = context.file('probes');
  let source: { text: string; shown: string; embedded?: boolean };
  if (probesFile && existsSync(probesFile.path)) {
    source = { text: readFileSync(probesFile.path, 'utf8'), shown: probesFile.shown };
  } else if (context.config && Array.isArray(context.config.data.probes)) {
    source = { text: readFileSync(context.config.path, 'utf8'), shown: context.config.file, embedded: true };
  } else {
    const shown = probesFile?.shown ?? '.github/probes.yml';
    throw new InputError(
      'probes',
      inputs.raw('probes')?.value ?? shown,
      'a probe file relative to the working directory',
      {
        hint: `No file at ${shown}, and the config file has no probes section. Create it (see the synthetic-probes README for the format) or set the 'probes' input.`,
      },
    );
  }
  const suiteFile = loadProbeSuite(source, childEnvironment(env), (secret) => context.secrets.add(secret));
  const suite = inputs.get('suite') ?? [];
  const timeoutMs = inputs.get('timeout');
  const retries = inputs.get('retries');
  const probes = selectSuite(suiteFile.probes, suite, suiteFile.file).map((probe) => ({
    ...probe,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(retries === undefined ? {} : { retries }),
  }));
  const baseUrl = inputs.get('base-url')?.toString().replace(/\/+$/, '');
  checkRelativeUrls(probes, baseUrl, suiteFile.file);
  const waitUntilHealthyMs = inputs.get('wait-until-healthy');
  return {
    file: suiteFile.file,
    probes,
    suite,
    baseUrl,
    engine: {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      concurrency: inputs.get('concurrency'),
      successThreshold: inputs.get('success-threshold'),
      ...(waitUntilHealthyMs === undefined ? {} : { waitUntilHealthyMs }),
      roundIntervalMs: inputs.get('wait-interval'),
    },
  };
}
