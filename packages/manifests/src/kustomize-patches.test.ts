import { describe, expect, it } from 'vitest';
import { isKustomization, kustomizePatchPaths } from './kustomize-patches.js';

describe('kustomize patches', () => {
  it('lists the patch files of every patch key, relative to the kustomization', () => {
    const text = [
      'resources: [deployment.yaml]',
      'patches:',
      '  - path: patches/replicas.yaml',
      '  - patch: "inline, no file"',
      'patchesStrategicMerge: [./limits.yaml, ../shared/probe.yaml]',
      'patchesJson6902:',
      '  - path: json/image.yaml',
    ].join('\n');
    expect(kustomizePatchPaths('overlays/prod/kustomization.yaml', text)).toEqual([
      'overlays/prod/patches/replicas.yaml',
      'overlays/prod/json/image.yaml',
      'overlays/prod/limits.yaml',
      'overlays/shared/probe.yaml',
    ]);
    expect(kustomizePatchPaths('kustomization.yml', 'patchesStrategicMerge: [a.yaml]')).toEqual(['a.yaml']);
  });

  it('ignores broken or foreign files', () => {
    expect(kustomizePatchPaths('kustomization.yaml', 'patches: [')).toEqual([]);
    expect(kustomizePatchPaths('kustomization.yaml', '- a\n- b\n')).toEqual([]);
    expect(['k/kustomization.yaml', 'Kustomization', 'kustomize.yaml'].map(isKustomization)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
