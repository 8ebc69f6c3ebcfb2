/**
 * A generated npm lockfile (v3) the size of a real application's: `count` installed packages, most of them
 * hoisted, some nested copies (of the same or another version, as npm leaves them), and a few real packages at
 * versions with real advisories (lodash, minimist, semver, axios), seeded so every run scans the same file.
 */
const VULNERABLE = [
  ['lodash', '4.17.11'],
  ['minimist', '1.2.5'],
  ['semver', '7.5.1'],
  ['axios', '1.5.1'],
] as const;

/** The lockfile text and how many distinct package versions it holds. */
export function generateNpmLockfile(count: number, seed = 42): { text: string; distinct: number } {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const version = () => `${Math.floor(random() * 12)}.${Math.floor(random() * 30)}.${Math.floor(random() * 20)}`;
  const packages: Record<string, unknown> = { '': { name: 'generated-app', version: '1.0.0' } };
  const hoisted: string[] = [];
  const distinct = new Set<string>();
  const add = (path: string, name: string, v: string) => {
    packages[path] = {
      version: v,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${v}.tgz`,
      integrity: `sha512-${Buffer.from(`${name}@${v}`).toString('base64')}`,
      ...(random() < 0.3 ? { dev: true } : {}),
    };
    distinct.add(`${name}@${v}`);
  };
  for (const [name, v] of VULNERABLE) {
    add(`node_modules/${name}`, name, v);
    hoisted.push(name);
  }
  while (Object.keys(packages).length - 1 < count) {
    const n = Object.keys(packages).length;
    const name = random() < 0.15 ? `@scope-${n % 40}/pkg-${n}` : `pkg-${n}`;
    if (random() < 0.12 && hoisted.length > 10) {
      // A nested copy of an already hoisted package, under another one.
      const parent = hoisted[Math.floor(random() * hoisted.length)] as string;
      const child = hoisted[Math.floor(random() * hoisted.length)] as string;
      const path = `node_modules/${parent}/node_modules/${child}`;
      if (parent !== child && !(path in packages)) add(path, child, random() < 0.5 ? '4.17.11' : version());
      continue;
    }
    add(`node_modules/${name}`, name, version());
    hoisted.push(name);
  }
  return {
    text: `${JSON.stringify({ name: 'generated-app', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
    distinct: distinct.size,
  };
}
