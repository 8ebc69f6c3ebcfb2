/** Lockfile fixtures are read as text through Vite's `?raw` suffix: domain tests may not import node:fs. */
declare module '*?raw' {
  const text: string;
  export default text;
}
