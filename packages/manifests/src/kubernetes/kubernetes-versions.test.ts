import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import v134 from '../../schemas/kubernetes-v1.34.json' with { type: 'json' };
import v135 from '../../schemas/kubernetes-v1.35.json' with { type: 'json' };
import v136 from '../../schemas/kubernetes-v1.36.json' with { type: 'json' };
import {
  BUILTIN_API_GROUPS,
  DEFAULT_KUBERNETES_VERSION,
  KUBERNETES_VERSIONS,
  kindExportName,
  loadKindValidators,
  parseKubernetesVersion,
} from './kubernetes-versions.js';
import { REMOVED_APIS, findRemovedApi } from './removed-apis.js';

type Vendored = { definitions: Record<string, { 'x-kubernetes-group-version-kind'?: { group: string }[] }> };
const VENDORED: Record<string, Vendored> = { '1.34': v134, '1.35': v135, '1.36': v136 } as Record<string, Vendored>;

describe('parseKubernetesVersion', () => {
  it('takes a minor version written with or without v and a patch', () => {
    expect(parseKubernetesVersion('1.35')).toBe('1.35');
    expect(parseKubernetesVersion('v1.34')).toBe('1.34');
    expect(parseKubernetesVersion(' 1.36.2 ')).toBe('1.36');
  });

  it('names the input and the versions available otherwise', () => {
    expect(() => parseKubernetesVersion('1.20', 'kubernetes-version')).toThrow(InputError);
    expect(() => parseKubernetesVersion('latest')).toThrow(
      'Input \'kubernetes-version\' has an invalid value "latest": expected a Kubernetes version among 1.34, 1.35, 1.36.',
    );
  });

  it('defaults to the newest vendored version', () => {
    expect(DEFAULT_KUBERNETES_VERSION).toBe(KUBERNETES_VERSIONS.at(-1));
    expect(Object.keys(VENDORED)).toEqual([...KUBERNETES_VERSIONS]);
  });
});

describe('loadKindValidators', () => {
  it('exports one validator per kind, named as kindExportName names them', async () => {
    const validators = await loadKindValidators('1.35');
    expect(typeof validators[kindExportName('apps/v1', 'Deployment')]).toBe('function');
    expect(typeof validators[kindExportName('v1', 'Pod')]).toBe('function');
    expect(validators[kindExportName('extensions/v1beta1', 'Ingress')]).toBeUndefined();
  });
});

describe('BUILTIN_API_GROUPS', () => {
  it('is every group that the vendored schemas serve', () => {
    for (const [version, { definitions }] of Object.entries(VENDORED)) {
      const groups = new Set<string>();
      for (const def of Object.values(definitions))
        for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) groups.add(gvk.group);
      expect([...groups].sort(), version).toEqual([...BUILTIN_API_GROUPS].sort());
    }
  });
});

describe('findRemovedApi', () => {
  it('applies a removal from the release that made it', () => {
    expect(findRemovedApi('batch/v1beta1', 'CronJob', '1.36')?.replacement).toBe('batch/v1');
    expect(findRemovedApi('batch/v1beta1', 'CronJob', '1.24')).toBeUndefined();
    expect(findRemovedApi('batch/v1', 'CronJob', '1.36')).toBeUndefined();
  });

  it('never names an API version that a vendored release still serves, and always a served replacement', async () => {
    for (const version of KUBERNETES_VERSIONS) {
      const validators = await loadKindValidators(version);
      for (const api of REMOVED_APIS)
        for (const kind of api.kinds) {
          expect(validators[kindExportName(api.apiVersion, kind)], `${api.apiVersion} ${kind}`).toBeUndefined();
          if (api.replacement)
            expect(typeof validators[kindExportName(api.replacement, kind)], `${api.replacement} ${kind}`).toBe(
              'function',
            );
        }
    }
  });
});
