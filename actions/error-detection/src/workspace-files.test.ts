import { describe, expect, it } from 'vitest';
import { isComposeFile, isEnvExample, isEnvFile, isKubernetesManifest, selected } from './workspace-files.js';

describe('selected', () => {
  it('keeps files matching an include glob and none matching an exclude', () => {
    const globs = ['deploy/**/*.yaml', '!deploy/old/**'];
    expect(selected('deploy/app.yaml', globs)).toBe(true);
    expect(selected('deploy/prod/app.yaml', globs)).toBe(true);
    expect(selected('deploy/old/app.yaml', globs)).toBe(false);
    expect(selected('src/app.ts', globs)).toBe(false);
    expect(selected('anything', [])).toBe(true);
    expect(selected('x/.env', ['!**/.env'])).toBe(false);
  });
});

describe('file kinds', () => {
  it('tells compose files, env files and examples by name', () => {
    expect(
      ['compose.yaml', 'docker-compose.yml', 'docker-compose.override.yml', 'ops/compose.prod.yaml'].map(isComposeFile),
    ).toEqual([true, true, true, true]);
    expect(['composer.yaml', 'deploy.yml'].map(isComposeFile)).toEqual([false, false]);
    expect(['.env', 'app/.env.production', '.env.example', '.envrc', 'env'].map(isEnvFile)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(['.env.example', '.env.sample', '.env'].map(isEnvExample)).toEqual([true, true, false]);
  });

  it('finds Kubernetes manifests by top-level apiVersion and kind, not templates, compose or workflows', () => {
    const manifest = 'apiVersion: v1\nkind: Service\n';
    expect(isKubernetesManifest('k8s/svc.yaml', manifest)).toBe(true);
    expect(isKubernetesManifest('k8s/svc.yaml', `# x\n---\n${manifest}`)).toBe(true);
    expect(
      isKubernetesManifest('chart/templates/svc.yaml', `${manifest}metadata:\n  name: {{ .Release.Name }}\n`),
    ).toBe(false);
    expect(isKubernetesManifest('.github/workflows/ci.yml', manifest)).toBe(false);
    expect(
      isKubernetesManifest('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'),
    ).toBe(false);
    expect(isKubernetesManifest('config.yaml', 'spec:\n  apiVersion: v1\n  kind: Service\n')).toBe(false);
    expect(isKubernetesManifest('svc.json', manifest)).toBe(false);
  });
});
