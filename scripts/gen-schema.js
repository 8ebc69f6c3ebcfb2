// Writes schema/shipgate.schema.json: the hand-written base plus one section per action, whose keys are
// the action's inputs (from its action.yml), so the config file and the inputs can never disagree.
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Inputs that belong to the step, never to the shared config file. */
const STEP_ONLY = new Set(['config', 'working-directory', 'environment', 'token']);

export function actionNames(root) {
  const dir = join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'action.yml'))).sort();
}

export function buildSchema(root) {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'base.schema.json'), 'utf8'));
  for (const name of actionNames(root)) {
    const action = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8'));
    const properties = {};
    for (const [input, spec] of Object.entries(action.inputs ?? {})) {
      if (STEP_ONLY.has(input) || spec?.secret === true || /\b(secret|private key|password)\b/i.test(spec?.description ?? '')) continue;
      properties[input] = { description: spec?.description ?? '', $ref: '#/definitions/inputValue' };
    }
    const section = { description: `Defaults for the ${name} action's inputs.`, type: 'object', additionalProperties: false, properties };
    schema.properties[name] = section;
    schema.definitions.environment.properties[name] = section;
  }
  embedProbes(root, schema);
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** `probes:` in the config file is the probe file's `probes` list, validated by the same definitions. */
function embedProbes(root, schema) {
  const path = join(root, 'schema', 'probes.schema.json');
  if (!existsSync(path)) return;
  const probes = JSON.parse(readFileSync(path, 'utf8'));
  for (const [name, definition] of Object.entries(probes.definitions ?? {})) {
    if (schema.definitions[name] && name !== 'probes') throw new Error(`schema definition '${name}' is defined twice`);
    schema.definitions[name] = definition;
  }
  schema.properties.probes = { ...probes.properties.probes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  writeFileSync(join(root, 'schema', 'shipgate.schema.json'), buildSchema(root));
}
