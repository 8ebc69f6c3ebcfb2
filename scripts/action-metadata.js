// Everything users read about an action's inputs comes from its one table, actions/<name>/src/inputs.ts:
// action.yml, the README's usage tables and the config file's JSON Schema. The tables are plain data, so Node 24
// runs them without compiling (type stripping). `node scripts/generate.js` (part of `npm run build`) writes the
// files; test/docs/action-metadata.test.ts fails when a committed one differs from what the table gives.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';

/** The actions, by folder name: every actions/<name> with a src/inputs.ts. */
export function actionNames(root) {
  const dir = join(root, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'src', 'inputs.ts')))
    .sort();
}

/** The action that lives at the repository's root (`uses: OWNER/shipgate@v1`): action.yml there, not in actions/. */
export const ROOT_ACTION = 'preflight';

/** Where an action's action.yml is, relative to the repository root. */
export function actionYmlPath(name) {
  return name === ROOT_ACTION ? 'action.yml' : `actions/${name}/action.yml`;
}

/**
 * An action's definition (`ACTION` of its inputs.ts). A composite's (`parts`) comes with its parts' inputs merged
 * in (its own replace a part's of the same name, in place) and `sections`: the config section each input is read
 * from (the part declaring it; none for the composite's own step inputs).
 */
export async function loadAction(root, name) {
  const module = await import(pathToFileURL(join(root, 'actions', name, 'src', 'inputs.ts')).href);
  if (!module.ACTION || module.ACTION.name !== name)
    throw new Error(`actions/${name}/src/inputs.ts must export ACTION with name '${name}'`);
  const action = module.ACTION;
  if (!action.parts) return action;
  const parts = await Promise.all(action.parts.map((part) => loadAction(root, part)));
  const sections = {};
  const inputs = {};
  for (const part of parts)
    for (const [input, spec] of Object.entries(part.inputs))
      if (!(input in action.inputs)) {
        sections[input] = part.name;
        inputs[input] = spec;
      }
  return { ...action, inputs: { ...inputs, ...action.inputs }, sections };
}

/** Whether the config file may set an input (mirrors isConfigurable in packages/kit/src/input-spec.ts). */
export function isConfigurable(spec) {
  return spec.kind !== 'secret' && (spec.scope ?? 'config') === 'config';
}

/**
 * The description users see: the table's text, plus the default for inputs the config file may set (action.yml
 * cannot declare it, or the runner would pass it as if given and it would beat the file), and for a composite's
 * input the config section it is read from.
 */
export function describeInput(spec, section) {
  const parts = [spec.description];
  if (isConfigurable(spec)) {
    if (spec.default !== undefined) parts.push(`Default: ${spec.default}.`);
    parts.push(section ? `Can be set in the config file, under ${section}.` : 'Can be set in the config file.');
  }
  return parts.join(' ');
}

/** action.yml, generated. */
export function renderActionYml(action) {
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const step = !isConfigurable(spec);
    const input = {
      description: describeInput(spec, action.sections?.[name]),
      required: step && spec.required === true,
    };
    const fallback = spec.runnerDefault ?? spec.default;
    if (step && fallback !== undefined) input.default = fallback;
    inputs[name] = input;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, description]) => [name, { description }]),
  );
  const up = action.name === ROOT_ACTION ? '' : '../../';
  const runs = { using: 'node24', main: `${up}dist/${action.name}/index.js` };
  if (action.post) Object.assign(runs, { post: `${up}dist/${action.name}-post/index.js`, 'post-if': 'always()' });
  const header = `# Generated from src/inputs.ts by 'npm run build': edit the table there, not this file.\n`;
  const body = {
    name: action.title,
    description: action.description,
    author: 'Shipgate',
    branding: action.branding,
    inputs,
    outputs,
    runs,
  };
  return header + stringify(body, { lineWidth: 0 });
}

const cell = (text) =>
  String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

/** The README's inputs and outputs tables, as Markdown. */
export function usageTables(action) {
  const inputs = Object.entries(action.inputs).map(([name, spec]) => {
    const fallback = spec.runnerDefault ?? spec.default;
    const required = spec.required ? 'yes' : 'no';
    const configurable = isConfigurable(spec)
      ? action.sections?.[name]
        ? `yes (${action.sections[name]})`
        : 'yes'
      : 'no';
    return `| \`${name}\` | ${required} | ${fallback === undefined || fallback === '' ? '' : `\`${cell(fallback)}\``} | ${configurable} | ${cell(spec.description)} |`;
  });
  const outputs = Object.entries(action.outputs).map(([name, description]) => `| \`${name}\` | ${cell(description)} |`);
  return {
    inputs: ['| input | required | default | in config file | description |', '|---|---|---|---|---|', ...inputs].join(
      '\n',
    ),
    outputs: ['| output | description |', '|---|---|', ...outputs].join('\n'),
  };
}

/** The README with both generated sections replaced. Throws when a marker is missing. */
export function renderReadme(readme, action) {
  const tables = usageTables(action);
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

/** What the config file accepts for one input: loose types (the action parses and names a wrong value), choices listed. */
function schemaOf(spec) {
  const description = describeInput(spec);
  switch (spec.kind) {
    case 'boolean':
      return { description, type: ['boolean', 'string'] };
    case 'integer':
    case 'number':
      return { description, type: ['number', 'string'] };
    case 'choice':
      return { description, type: 'string', enum: [...spec.choices] };
    case 'list':
    case 'targets':
    case 'stages':
      return { description, type: ['string', 'number', 'array'], items: { type: ['string', 'number'] } };
    default:
      return { description, type: ['string', 'number'] };
  }
}

/** schema/shipgate.schema.json: the hand-written base, a section per action, and the probe file's definitions. */
export function buildSchema(root, actions) {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'base.schema.json'), 'utf8'));
  // A composite has no section of its own: its parts' inputs are read from their sections.
  for (const action of actions.filter((a) => !a.parts)) {
    const properties = {};
    for (const [name, spec] of Object.entries(action.inputs))
      if (isConfigurable(spec)) properties[name] = schemaOf(spec);
    const section = {
      description: `Defaults for the ${action.name} action's inputs.`,
      type: 'object',
      additionalProperties: false,
      properties,
    };
    schema.properties[action.name] = section;
    schema.definitions.environment.properties[action.name] = section;
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

/** Every generated file, path (relative to the root) → content, from the tables as they are now. */
export async function generatedFiles(root) {
  const actions = await Promise.all(actionNames(root).map((name) => loadAction(root, name)));
  const files = { 'schema/shipgate.schema.json': buildSchema(root, actions) };
  for (const action of actions) {
    const dir = `actions/${action.name}`;
    files[actionYmlPath(action.name)] = renderActionYml(action);
    const readme = join(root, dir, 'README.md');
    if (existsSync(readme)) files[`${dir}/README.md`] = renderReadme(readFileSync(readme, 'utf8'), action);
  }
  return files;
}
