import { describe, expect, it } from 'vitest';
import { isComposeFile, isDockerfile, isKubernetesManifest } from './file-kinds.js';

describe('file kinds', () => {
  it('tells compose files by name', () => {
    expect(
      ['compose.yaml', 'docker-compose.yml', 'docker-compose.override.yml', 'ops/compose.prod.yaml'].map(isComposeFile),
    ).toEqual([true, true, true, true]);
    expect(['composer.yaml', 'deploy.yml'].map(isComposeFile)).toEqual([false, false]);
  });

  it('tells Dockerfiles by name', () => {
    expect(
      ['Dockerfile', 'api/Dockerfile', 'Dockerfile.prod', 'web.Dockerfile', 'Containerfile'].map(isDockerfile),
    ).toEqual([true, true, true, true, true]);
    expect(['dockerfile.md', 'Dockerfiles/x.txt', 'MyDockerfile', 'docker-compose.yml'].map(isDockerfile)).toEqual([
      false,
      false,
      false,
      false,
    ]);
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
