/** `/spec/template/0/a~1b` → `['spec', 'template', '0', 'a/b']` (RFC 6901), as ajv's `instancePath` writes it. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`, the way kubectl names a field. */
export function pathToField(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number' || /^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
