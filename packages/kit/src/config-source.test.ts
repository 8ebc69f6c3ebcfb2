import { describe, expect, it } from 'vitest';
import { ANY_MAPPING, parseConfig } from '@shipgate/core/config';
import { configSource } from './config-source.js';
import { ActionInputs } from './inputs.js';

const TABLE = {
  stages: { kind: 'stages', description: 'x' },
  'on-failure': { kind: 'choice', choices: ['rollback', 'pause'], default: 'rollback', description: 'x' },
} as const;

describe('configSource', () => {
  it('prefers the environment section, joins lists, and reports the origin of a bad value', () => {
    const config = parseConfig(
      'canary-deploy:\n  stages: [5, 10, 100]\n  on-failure: explode\nenvironments:\n  production:\n    canary-deploy:\n      stages: 50,100\n',
      '.github/shipgate.yml',
      ANY_MAPPING,
    );
    const read = (sections: string[][]) =>
      new ActionInputs(TABLE, { step: () => undefined, config: configSource(config, sections) });
    expect(read([['environments', 'production', 'canary-deploy'], ['canary-deploy']]).get('stages')).toEqual([50, 100]);
    const base = read([['canary-deploy']]);
    expect(base.get('stages')).toEqual([5, 10, 100]);
    expect(() => base.get('on-failure')).toThrow(
      '.github/shipgate.yml:3:15: \'canary-deploy.on-failure\' has an invalid value "explode": expected one of: rollback, pause.',
    );
  });
});
