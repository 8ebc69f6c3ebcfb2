/**
 * Vitest (through Vite) imports a file's text with the `?raw` suffix. The iac tests read their fixtures this way
 * because domain packages, tests included, may not import node:fs (see eslint.config.js).
 */
declare module '*?raw' {
  const text: string;
  export default text;
}
