// Each action's README has its inputs and outputs tables generated from its action.yml, between
// <!-- inputs:start --> / <!-- inputs:end --> and <!-- outputs:start --> / <!-- outputs:end -->.
// `node scripts/action-docs.js` rewrites them; test/docs/action-readmes.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { actionNames } from './gen-schema.js';

const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

/** The inputs and outputs tables of an action.yml, as Markdown. */
export function usageTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${spec?.required ? 'yes' : 'no'} | ${spec?.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``} | ${cell(spec?.description)} |`);
  const outputs = Object.entries(action.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec?.description)} |`);
  return {
    inputs: ['| input | required | default | description |', '|---|---|---|---|', ...inputs].join('\n'),
    outputs: ['| output | description |', '|---|---|', ...outputs].join('\n'),
  };
}

/** The README with both generated sections replaced. Throws when a marker is missing. */
export function renderReadme(readme, actionYml) {
  const tables = usageTables(actionYml);
  let result = readme;
  for (const section of ['inputs', 'outputs']) {
    const start = `<!-- ${section}:start -->`;
    const end = `<!-- ${section}:end -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from === -1 || to === -1 || to < from) throw new Error(`README is missing the ${start} ... ${end} markers`);
    result = `${result.slice(0, from + start.length)}\n${tables[section]}\n${result.slice(to)}`;
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  for (const name of actionNames(root)) {
    const dir = join(root, 'actions', name);
    const path = join(dir, 'README.md');
    writeFileSync(path, renderReadme(readFileSync(path, 'utf8'), readFileSync(join(dir, 'action.yml'), 'utf8')));
    console.log(`  actions/${name}/README.md`);
  }
}
