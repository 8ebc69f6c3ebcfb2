// Checks that Shipgate refers to itself correctly, so that a user always runs one release as a whole.
//   - Reusable workflows (.github/workflows/*.yml with `on: workflow_call`) run the actions and workflows of their
//     own release: `uses: $/actions/<name>` (GitHub's self-repository reference: the repository and commit of the
//     file it is written in, whoever calls it). `./actions/<name>` would run whatever the caller has checked out,
//     and `OWNER/shipgate/actions/<name>@<ref>` whatever that ref points at now: both are refused.
//   - Examples (examples/**, copied into users' repositories) refer to the release being made: `OWNER/shipgate...@vX.Y.Z`.
// docs/releasing.md has the reasons and sources. `npm run lint` runs it against package.json's version, the release
// script against the version it releases; `--fix` makes the mechanical changes.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

/** The owner written in the sources until a release knows the real one (see `repositoryOf`). */
export const OWNER_PLACEHOLDER = 'OWNER';

/**
 * A `$/` reference needs a path: the runner reads a bare `$/` as `{org}/{repo}@ref` and fails (actions/runner,
 * PipelineConstants.TryParseSelfRepository). So a reusable workflow reaches the root action through a directory of its
 * own that holds the same action metadata.
 */
const ROOT_ACTION_HINT =
  'a bare `$/` is rejected by GitHub (it needs a path), so the root action is reached through its own directory: ' +
  'write `$/actions/preflight` and keep an action.yml there';

/** `OWNER/shipgate/actions/canary-deploy@v1`: owner, path (may be empty) and ref. The name is filled in. */
function ownReferencePattern(name) {
  return new RegExp(`(?<![\\w.-])([A-Za-z0-9][A-Za-z0-9-]*)/${name}((?:/[\\w.-]+)*)@([\\w./-]*[\\w])`, 'g');
}

/**
 * The owner and name of our repository: `--owner` first, then `GITHUB_REPOSITORY` (set in every workflow run), then
 * package.json's `repository` ("owner/name", "github:owner/name" or a GitHub URL). The name defaults to package.json's
 * `name`. The owner is undefined when nothing names it: the sources then keep the placeholder.
 */
export function repositoryOf(packageJson, { owner, githubRepository } = {}) {
  const name = packageJson.name ?? 'shipgate';
  if (owner) return { owner, name };
  if (githubRepository) {
    const [o, n] = githubRepository.split('/');
    return { owner: o, name: n ?? name };
  }
  const repository = packageJson.repository;
  const url = typeof repository === 'string' ? repository : repository?.url;
  const match = url
    ? /^(?:github:|(?:git\+)?https:\/\/github\.com\/|git@github\.com:)?([\w-]+)\/([\w.-]+?)(?:\.git)?$/.exec(url)
    : null;
  return match ? { owner: match[1], name: match[2] } : { owner: undefined, name };
}

/** Which rules apply to a file: a reusable workflow, an example, or none. */
export function scopeOf(path, text) {
  if (/^examples\/.+\.(ya?ml|md)$/.test(path)) return 'example';
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) && isReusable(text)) return 'reusable-workflow';
  return undefined;
}

function isReusable(text) {
  const on = parseDocument(text).toJS()?.on;
  if (typeof on === 'string') return on === 'workflow_call';
  if (Array.isArray(on)) return on.includes('workflow_call');
  return typeof on === 'object' && on !== null && 'workflow_call' in on;
}

/** Every `uses:` of a workflow (jobs and steps) with its 1-based line and column. */
export function usesOf(text) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const found = [];
  const add = (node) => {
    if (!node || typeof node.value !== 'string') return;
    const { line, col } = lineCounter.linePos(node.range[0]);
    found.push({ value: node.value.trim(), line, column: col });
  };
  const jobs = document.get('jobs');
  for (const job of jobs?.items ?? []) {
    add(job.value?.get?.('uses', true));
    for (const step of job.value?.get?.('steps')?.items ?? []) add(step.get?.('uses', true));
  }
  return found;
}

/**
 * The problems of one file. `options.version` is the version the references must match (X.Y.Z); `owner` the real
 * owner when known; `name` the repository name; `exists(path)` tells whether a repository path exists.
 * Returns `{ file, line, column, reference, message }` items, none when the file is right.
 */
export function checkFile(path, text, options) {
  const scope = scopeOf(path, text);
  if (!scope) return [];
  const { version, owner, name = 'shipgate', exists } = options;
  const tag = `v${version}`;
  const problems = [];
  const report = (line, column, reference, message) => problems.push({ file: path, line, column, reference, message });
  const ours = (o) => o === OWNER_PLACEHOLDER || o === owner;

  if (/\.ya?ml$/.test(path)) {
    for (const use of usesOf(text)) {
      const { value, line, column } = use;
      if (value.startsWith('./') || value.startsWith('../')) {
        if (scope === 'reusable-workflow')
          report(
            line,
            column,
            value,
            `runs the caller's checkout, not this release; write \`$/${value.replace(/^\.\//, '')}\``,
          );
        else if (/^\.\/(actions\/|action\.ya?ml|\.github\/workflows\/)/.test(value))
          report(
            line,
            column,
            value,
            `a copied example would run the user's own files; write \`${owner ?? OWNER_PLACEHOLDER}/${name}/${value.slice(2)}@${tag}\``,
          );
      } else if (value.startsWith('$/')) {
        if (scope === 'example') {
          report(
            line,
            column,
            value,
            `\`$/\` is the user's own repository once the example is copied; write \`${owner ?? OWNER_PLACEHOLDER}/${name}/${value.slice(2)}@${tag}\``,
          );
        } else if (value.includes('@')) {
          report(line, column, value, 'a `$/` reference takes no @ref: it is always the commit of this file');
        } else if (value.slice(2).replace(/^\/+/, '') === '') {
          report(line, column, value, ROOT_ACTION_HINT);
        } else if (exists && !selfTargetExists(value.slice(2), exists)) {
          report(
            line,
            column,
            value,
            `no action.yml or workflow at ${value.slice(2) || 'the repository root'} in this repository`,
          );
        }
      } else {
        const own = new RegExp(`^([\\w-]+)/${name}(/[^@]*)?(?:@(.*))?$`).exec(value);
        if (own && scope === 'reusable-workflow') {
          report(
            line,
            column,
            value,
            `${
              ours(own[1])
                ? `runs whatever ${own[3] ? `\`${own[3]}\`` : 'the default branch'} points at, not this release`
                : `refers to ${own[1]}/${name}, not this repository`
            }; ${own[2] ? `write \`$/${own[2].replace(/^\//, '')}\`` : ROOT_ACTION_HINT}`,
          );
        } else if (own && own[3] === undefined) {
          report(line, column, value, `has no ref (it would run the default branch); write \`${value}@${tag}\``);
        }
      }
    }
  }
  if (scope === 'example') {
    const lines = text.split('\n');
    lines.forEach((content, index) => {
      for (const match of content.matchAll(ownReferencePattern(name))) {
        const [reference, o, , ref] = match;
        if (!ours(o))
          report(
            index + 1,
            match.index + 1,
            reference,
            `refers to ${o}/${name}, not this repository (${owner ?? OWNER_PLACEHOLDER}/${name})`,
          );
        else if (ref !== tag) report(index + 1, match.index + 1, reference, `refers to ${ref}; this release is ${tag}`);
      }
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** An action directory (`actions/x`), the root action (`` or `.`), or a workflow file. */
function selfTargetExists(target, exists) {
  const path = target
    .replace(/^\/+/, '')
    .replace(/^\.\/?$/, '')
    .replace(/\/$/, '');
  if (/\.ya?ml$/.test(path)) return exists(path);
  const dir = path === '' ? '' : `${path}/`;
  return exists(`${dir}action.yml`) || exists(`${dir}action.yaml`);
}

/**
 * The file with its mechanical fixes: in reusable workflows our own `owner/name/path@ref` and `./path` uses become
 * `$/path`; in examples every reference to us points at `owner/name...@vX.Y.Z` (the placeholder becomes the owner
 * when it is known).
 */
export function fixFile(path, text, { version, owner, name = 'shipgate' }) {
  const scope = scopeOf(path, text);
  if (scope === 'reusable-workflow') {
    // The root action (no path) has no `$/` form: the check reports it instead (ROOT_ACTION_HINT).
    return text.replace(
      new RegExp(
        `^(\\s*(?:-\\s+)?uses:\\s*['"]?)(?:(?:${OWNER_PLACEHOLDER}${owner ? `|${owner}` : ''})/${name}/([^@'"\\s]+)@[^'"\\s#]+|\\./([^'"\\s#]+))`,
        'gm',
      ),
      (_, head, path1, path2) => `${head}$/${path1 ?? path2}`,
    );
  }
  if (scope === 'example') {
    return text.replace(ownReferencePattern(name), (reference, o, rest) =>
      o === OWNER_PLACEHOLDER || o === owner ? `${owner ?? o}/${name}${rest}@v${version}` : reference,
    );
  }
  return text;
}

/** Repository-relative paths of the files the rules may apply to. */
export function candidateFiles(root) {
  const workflows = join(root, '.github', 'workflows');
  const files = existsSync(workflows)
    ? readdirSync(workflows)
        .filter((n) => /\.ya?ml$/.test(n))
        .map((n) => `.github/workflows/${n}`)
    : [];
  const examples = join(root, 'examples');
  if (existsSync(examples))
    for (const entry of readdirSync(examples, { recursive: true, withFileTypes: true }))
      if (entry.isFile() && /\.(ya?ml|md)$/.test(entry.name))
        files.push(relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
  return files.sort();
}

/** Checks (or, with `fix`, first fixes) every candidate file under `root`; returns the problems left. */
export function checkRepository(root, { version, owner, name, fix = false }) {
  const exists = (path) => existsSync(join(root, path));
  const problems = [];
  for (const path of candidateFiles(root)) {
    let text = readFileSync(join(root, path), 'utf8');
    if (fix) {
      const fixed = fixFile(path, text, { version, owner, name });
      if (fixed !== text) writeFileSync(join(root, path), (text = fixed));
    }
    problems.push(...checkFile(path, text, { version, owner, name, exists }));
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  const args = process.argv.slice(2);
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = value('--version') ?? packageJson.version;
  const { owner, name } = repositoryOf(packageJson, { owner: value('--owner') });
  const problems = checkRepository(root, { version, owner, name, fix: args.includes('--fix') });
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.reference}: ${p.message}`);
  if (problems.length > 0) {
    console.error(
      `${problems.length} reference(s) do not match release v${version}. See docs/releasing.md; --fix makes the mechanical changes.`,
    );
    process.exit(1);
  }
  console.log(`References: the reusable workflows run their own release and the examples use v${version}.`);
}
