/**
 * Inputs every action takes (DESIGN.md). Plain data, read by the build without compiling: import only types here.
 */
import { VERSION_ALLOWED, VERSION_PATTERN } from '@shipgate/core/versions';
import type { InputTable } from './input-spec.js';

/** `config`, `working-directory` and `environment`: where the action works and which config sections apply. */
export const COMMON_INPUTS = {
  environment: {
    kind: 'text',
    scope: 'step',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._ -]*$',
    allowed: 'an environment name such as production or staging',
    description:
      'The environment this step is for; selects its thresholds and `environments.<name>` in the config file.',
  },
  config: {
    kind: 'text',
    scope: 'step',
    default: '.github/shipgate.yml',
    description: 'Shipgate config file, relative to the working directory. Optional when it is the default.',
  },
  'working-directory': {
    kind: 'text',
    scope: 'step',
    default: '.',
    description: 'Directory the paths are relative to, inside the workspace.',
  },
} as const satisfies InputTable;

/** `token`, for the actions that call GitHub. */
export const TOKEN_INPUT = {
  token: {
    kind: 'secret',
    scope: 'step',
    runnerDefault: '${{ github.token }}',
    description: 'GitHub token for the API calls this action makes.',
  },
} as const satisfies InputTable;

/** A version as the actions record it (`version`, `stable-version`, `to`). */
export const VERSION_SPEC = { kind: 'text', pattern: VERSION_PATTERN, allowed: VERSION_ALLOWED } as const;
