/**
 * Variables a deploy reads from outside the repository, with where each is referenced: `${VAR}` in Compose
 * files (without a default: `${VAR:-x}` is optional) and bare `- VAR` entries of Compose `environment:` lists
 * (passed through from the shell); `${VAR}` in Kubernetes manifests (filled in by envsubst before apply;
 * Kubernetes' own `$(VAR)` refers to the container's other variables and is not counted); and workflow `env:`
 * keys whose value comes from `secrets.` or `vars.` (the deploy's configuration, not CI switches nor the
 * runner's `secrets.GITHUB_TOKEN`).
 */
import { parsePositionedYaml } from '@shipgate/manifests';

export interface Reference {
  name: string;
  file: string;
  line: number;
  column: number;
  /** Where it comes from, for messages: `compose`, `kubernetes`, `workflow`. */
  source: 'compose' | 'kubernetes' | 'workflow';
}

/** `${VAR}`, `${VAR:?message}`, `${VAR?message}` and `$VAR` (required: no default), skipping `$$` escapes. */
const COMPOSE_REQUIRED = /(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(?::?\?)[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** A bare pass-through entry of an `environment:` list: `- VAR` (no `=`). */
const PASS_THROUGH = /^(\s*-\s+)([A-Za-z_][A-Za-z0-9_]*)\s*(?:#.*)?$/;
const ENVSUBST = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Variables every shell that runs `docker compose` has (`$HOME/.cache:/cache`, `${PWD}/data:/data`): the
 * machine's, not the deploy's configuration.
 */
const SHELL_VARIABLES: ReadonlySet<string> = new Set(['HOME', 'PWD', 'USER', 'LOGNAME', 'PATH', 'SHELL']);

/** The variables a Compose file requires from its environment. */
export function composeReferences(file: string, text: string): Reference[] {
  const found: Reference[] = [];
  const lines = text.split(/\r?\n/);
  let inEnvironmentList = -1;
  for (const [i, line] of lines.entries()) {
    const content = line.replace(/(^|\s)#.*$/, '');
    for (const match of content.matchAll(COMPOSE_REQUIRED)) {
      const name = match[1] ?? match[2];
      if (name && !SHELL_VARIABLES.has(name))
        found.push({ name, file, line: i + 1, column: (match.index ?? 0) + 1, source: 'compose' });
    }
    const indent = line.length - line.trimStart().length;
    if (/^\s*environment:\s*$/.test(line)) inEnvironmentList = indent;
    else if (inEnvironmentList >= 0 && line.trim() !== '' && indent <= inEnvironmentList && !/^\s*-/.test(line))
      inEnvironmentList = -1;
    const passThrough = inEnvironmentList >= 0 ? PASS_THROUGH.exec(line) : null;
    if (passThrough?.[1] && passThrough[2])
      found.push({ name: passThrough[2], file, line: i + 1, column: passThrough[1].length + 1, source: 'compose' });
  }
  return found;
}

/** The `${VAR}` placeholders of a manifest that envsubst fills in. */
export function kubernetesReferences(file: string, text: string): Reference[] {
  const found: Reference[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (/^\s*#/.test(line)) continue;
    for (const match of line.matchAll(ENVSUBST))
      if (match[1])
        found.push({ name: match[1], file, line: i + 1, column: (match.index ?? 0) + 1, source: 'kubernetes' });
  }
  return found;
}

/**
 * A workflow value read from the repository's secrets or variables: `secrets.GITHUB_TOKEN` is the runner's own
 * token (the same as `github.token`), not configuration of the deploy.
 */
const DEPLOY_CONFIGURATION = /\$\{\{[^}]*\b(?:secrets\.(?!GITHUB_TOKEN\b)|vars\.)/;

/** Workflow `env:` keys (workflow, job and step level) whose values come from secrets or variables. */
export function workflowReferences(file: string, text: string): Reference[] {
  const parsed = parsePositionedYaml(text, file, 'core');
  const found: Reference[] = [];
  for (const document of parsed.documents) {
    const data = document.data as Record<string, unknown> | undefined;
    if (!isRecord(data)) continue;
    const visit = (env: unknown, path: (string | number)[]): void => {
      if (!isRecord(env)) return;
      for (const [name, value] of Object.entries(env)) {
        if (typeof value !== 'string' || !DEPLOY_CONFIGURATION.test(value)) continue;
        const at = document.locate([...path, name], 'key');
        found.push({ name, file, line: at.line, column: at.column, source: 'workflow' });
      }
    };
    visit(data.env, ['env']);
    if (!isRecord(data.jobs)) continue;
    for (const [job, definition] of Object.entries(data.jobs)) {
      if (!isRecord(definition)) continue;
      visit(definition.env, ['jobs', job, 'env']);
      if (Array.isArray(definition.steps))
        definition.steps.forEach((step, i) => isRecord(step) && visit(step.env, ['jobs', job, 'steps', i, 'env']));
    }
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
