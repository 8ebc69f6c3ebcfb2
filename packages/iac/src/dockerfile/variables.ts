/**
 * Dockerfile variable substitution (https://docs.docker.com/reference/dockerfile/#environment-replacement):
 * `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`. The result is
 * `undefined` when a variable has no known value: its value comes from `--build-arg` and cannot be judged.
 */
export function substitute(text: string, variables: ReadonlyMap<string, string | undefined>): string | undefined {
  let unknown = false;
  const value = (name: string): string | undefined => (variables.has(name) ? variables.get(name) : undefined);
  const out = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, braced: string | undefined, colon: string, op: string | undefined, word: string, bare: string) => {
      const name = braced ?? bare;
      const current = value(name);
      const set = current !== undefined && (colon !== ':' || current !== '');
      if (op === '-') return set ? current : (substitute(word, variables) ?? ((unknown = true), ''));
      if (op === '+') return set ? (substitute(word, variables) ?? ((unknown = true), '')) : '';
      if (current === undefined) unknown = true;
      return current ?? '';
    },
  );
  return unknown ? undefined : out;
}
