/**
 * Kustomize patches: files a kustomization merges into full objects (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`). They carry apiVersion and kind but are partial, so checks that judge whole manifests
 * (schemas, security defaults such as "no resource limits") must leave them out. Paths use forward slashes.
 */
import { parse } from 'yaml';

const KUSTOMIZATION = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;

/** Whether the file is a kustomization, by name. */
export function isKustomization(path: string): boolean {
  return KUSTOMIZATION.test(path);
}

/** The patch files the kustomization at `file` names, relative to the same root as `file`. */
export function kustomizePatchPaths(file: string, text: string): string[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return []; // a broken kustomization is kustomize's to report
  }
  if (!isRecord(data)) return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const patches: string[] = [];
  const add = (path: unknown) => {
    if (typeof path === 'string' && !path.includes('\n')) patches.push(normalize(dir ? `${dir}/${path}` : path));
  };
  for (const key of ['patches', 'patchesJson6902'])
    if (Array.isArray(data[key])) for (const patch of data[key]) if (isRecord(patch)) add(patch.path);
  if (Array.isArray(data.patchesStrategicMerge)) data.patchesStrategicMerge.forEach(add);
  return patches;
}

/** `a/./b/../c` → `a/c` (as `path.posix.normalize`, for relative paths). */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
