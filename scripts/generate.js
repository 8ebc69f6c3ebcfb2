// Writes the files generated from each action's inputs table (action.yml, README usage tables, the config
// schema). Run by `npm run build`; `node scripts/generate.js` alone is enough after editing a table.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './action-metadata.js';

export async function generate(root) {
  // The inputs tables are TypeScript that Node runs with its type stripping, which Node 24 has and 20 lacks.
  if (Number(process.versions.node.split('.')[0]) < 24) {
    throw new Error(
      `Node ${process.version} cannot read the inputs tables: run the build with Node 24 (npm run build puts node_modules/.bin first on PATH).`,
    );
  }
  const files = await generatedFiles(root);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return Object.keys(files);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const path of await generate(join(import.meta.dirname, '..'))) console.log(`  ${path}`);
}
