/**
 * Searching a step's traces for planted secrets: every form a secret can take in text (as is, Markdown-, HTML-,
 * URL- and JSON-escaped, an 8-character prefix in each, the start of its base64), in stdout without its
 * `::add-mask::` lines (the one place a secret may appear), stderr, and every file left in RUNNER_TEMP.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StepResult } from './run-action.js';

export interface Planted {
  name: string;
  value: string;
  /** Whether its start is secret too (not for a URL: `http://1` is no secret). Default true. */
  prefix?: boolean;
}

/** The forms a secret can take in text: as is, Markdown-, HTML-, URL- and JSON-escaped. */
export function escapedForms(value: string): string[] {
  return [
    value,
    value.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1'),
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
  ];
}

/** Each secret's forms, its 8-character prefix in each form (a longer prefix contains it), and base64 forms. */
export function needles(secret: Planted): { form: string; needle: string }[] {
  const result = new Map<string, string>();
  for (const form of escapedForms(secret.value)) result.set(form, 'whole');
  if (secret.prefix !== false) for (const form of escapedForms(secret.value.slice(0, 8))) result.set(form, 'prefix');
  result.set(Buffer.from(secret.value).toString('base64').slice(0, 12), 'base64');
  return [...result].map(([needle, form]) => ({ needle, form }));
}

/** Every file under `dir`, recursively, with its text. */
export function filesUnder(dir: string): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) found.push({ where: `RUNNER_TEMP/${entry}`, text: readFileSync(path, 'utf8') });
  }
  return found;
}

/** What a step left for people and machines to read: stdout (masking lines removed), stderr, step files. */
export function stepTexts(label: string, step: StepResult): { where: string; text: string }[] {
  const stdout = step.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [
    { where: `${label} stdout`, text: stdout },
    { where: `${label} stderr`, text: step.stderr },
  ];
}

/** Each leak: which secret, in which form, where, with some context. */
export function leaks(texts: { where: string; text: string }[], secrets: Planted[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (const { needle, form } of needles(secret)) {
      for (const { where, text } of texts) {
        const at = text.indexOf(needle);
        if (at >= 0)
          found.push(
            `${secret.name} (${form} ${JSON.stringify(needle)}) in ${where}: …${text.slice(at - 60, at + 60)}…`,
          );
      }
    }
  }
  return found;
}
