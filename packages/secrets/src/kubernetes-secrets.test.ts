import { describe, expect, it } from 'vitest';
import { kubernetesSecretValues } from './kubernetes-secrets.js';
import { toBase64 } from './testing/index.js';

const manifest = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'data:',
  '  password: ' + toBase64('Zq8kW2mP4x!n'),
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: app',
  'data:',
  '  username: ' + toBase64('app'),
  '  password: ' + toBase64('Zq8kW2mP4x!n'),
  '  weak: ' + toBase64('postgres'),
  '  tls.crt: ' + toBase64('-----BEGIN CERTIFICATE-----'),
  'stringData:',
  '  api-token: "Kq2Lm9Xw4Rt7Yp1Zb6Nc"',
  '  template: "{{ .Values.token }}"',
  'type: Opaque',
  '',
].join('\n');

describe('kubernetesSecretValues', () => {
  it('reads data (decoded) and stringData of Secret documents only, skipping names, certificates and defaults', () => {
    const values = kubernetesSecretValues(manifest);
    expect(values.map((v) => v.key)).toEqual(['password', 'api-token']);
    for (const value of values)
      expect(manifest.slice(value.start, value.start + value.secret.length)).toBe(value.secret);
    expect(values[0]?.secret).toBe(toBase64('Zq8kW2mP4x!n'));
  });

  it('finds nothing in a file without a Secret', () => {
    expect(kubernetesSecretValues('kind: Deployment\ndata:\n  password: c2VjcmV0\n')).toEqual([]);
  });
});
