/**
 * Vitest (through Vite) reads fixture files' text with `import.meta.glob(…, { query: '?raw' })`: domain packages,
 * tests included, may not import node:fs (see eslint.config.js).
 */
interface ImportMeta {
  glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
}
