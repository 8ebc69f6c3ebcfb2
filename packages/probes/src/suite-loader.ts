import { ConfigError } from '@shipgate/core';
import { parseProbeFile } from './probe-file/index.js';
import type { ProbeSuiteDefinition } from './model.js';
import type { EngineSettings } from './engine/engine.js';

/**
 * The one way every action loads probes (synthetic-probes' `probes`, canary-deploy's probe metrics, rollback's
 * `verify`): the same parser, the same paths in messages, the same check that there is something to run.
 */
export interface ProbeSuiteSource {
  /** The file's text. */
  text: string;
  /** The path shown in messages and annotations: relative to the workspace, as GitHub needs it. */
  shown: string;
  /** The text is the config file: only its `probes` list is read. */
  embedded?: boolean;
}

/**
 * Parses a probe file (or the config file's `probes` section) and checks that it holds at least one probe.
 * @param env Values for `${env:NAME}`: the caller passes only what probe files may see.
 * @param mask Registers each secret value the file took from the environment (a header's token), before any
 *   probe runs or any message can show it: every action that loads probes masks them, not only some.
 * @throws ConfigError naming the file, key, line and column.
 */
export function loadProbeSuite(
  source: ProbeSuiteSource,
  env: Readonly<Record<string, string | undefined>>,
  mask: (secret: string) => void,
): ProbeSuiteDefinition {
  const suite = parseProbeFile(source.text, source.shown, { env, ...(source.embedded ? { embedded: true } : {}) });
  for (const secret of suite.secrets) mask(secret);
  if (suite.probes.length === 0) {
    throw new ConfigError(
      source.shown,
      'probes',
      'is empty: there is no probe to run',
      {},
      {
        hint: 'Add at least one probe (see the synthetic-probes README for the format).',
      },
    );
  }
  return suite;
}

/** Engine settings every action shares unless it says otherwise: one set of limits and retry delays. */
export const STANDARD_ENGINE_SETTINGS: Pick<
  EngineSettings,
  'maxBodyBytes' | 'retryDelayMs' | 'concurrency' | 'successThreshold'
> = {
  maxBodyBytes: 10 * 1024 * 1024,
  retryDelayMs: (attempt) => Math.min(2000, 250 * 2 ** (attempt - 1)),
  concurrency: 10,
  successThreshold: 1,
};
