import { describe, expect, it } from 'vitest';
import { parsePositionedYaml } from '@shipgate/manifests';
import clean from '../../../../test/fixtures/iac/quality/compose/clean.compose.yaml?raw';
import insecure from '../../../../test/fixtures/iac/quality/compose/insecure.compose.yaml?raw';
import { checkComposeSecurity } from './check-compose-security.js';

const at = (text: string, lookup?: (name: string) => string | undefined) =>
  checkComposeSecurity(parsePositionedYaml(text, 'compose.yaml', 'core'), lookup).map(
    (f) => `${f.ruleId} ${f.location?.line}:${f.location?.column}`,
  );

describe('checkComposeSecurity', () => {
  it('reports each insecure setting at its key or value', () => {
    expect(at(insecure).sort()).toEqual(
      [
        'compose/latest-tag 3:12',
        'compose/host-network 4:19',
        'compose/docker-sock 6:9',
        'compose/latest-tag 8:12',
        'compose/host-pid 9:10',
        'compose/privileged 10:5',
        'compose/dangerous-capabilities 12:9',
        'compose/dangerous-capabilities 13:9',
        'compose/host-ipc 16:10',
        'compose/sensitive-host-mounts 19:17',
      ].sort(),
    );
  });

  it('accepts built images, defaulted and unset variables, digests, merge keys and harmless binds', () => {
    expect(at(clean)).toEqual([]);
  });

  it('judges an image after interpolating it with the given variables', () => {
    const text = 'services:\n  db:\n    image: postgres:${PG_TAG}\n';
    expect(at(text, (name) => (name === 'PG_TAG' ? 'latest' : undefined))).toEqual(['compose/latest-tag 3:12']);
    expect(at(text)).toEqual([]);
  });
});
