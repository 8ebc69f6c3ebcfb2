import { InputError } from '@shipgate/core';

/**
 * Reading a comment for an approve or deny word. A word counts only as a whole line of its own (`approve`,
 * `/approve`, `LGTM!`); never inside a sentence ("I would not approve this"), a quote (`> approve`), a code span
 * or a code block, so quoting or explaining the words never casts a vote.
 */
export type Verdict = 'approve' | 'deny';

/** The words that vote, compared case-insensitively. */
export interface ApprovalWords {
  approve: readonly string[];
  deny: readonly string[];
}

export const DEFAULT_APPROVAL_WORDS: ApprovalWords = {
  approve: ['approve', 'approved', '/approve', 'lgtm', 'yes'],
  deny: ['deny', 'denied', '/deny', 'reject', 'no'],
};

/** Parses a comma- or newline-separated word list; `input` names the input in errors. */
export function parseApprovalWordList(text: string, input: string): string[] {
  const words = text
    .split(/[,\n]/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  const bad = words.find((w) => !/^\/?[\p{L}\p{N}][\p{L}\p{N}_:+-]*$/u.test(w));
  if (words.length === 0 || bad !== undefined)
    throw new InputError(
      input,
      bad ?? text,
      "a comma-separated list of single words such as 'approve, /approve, lgtm' (letters, digits, _ : + -, optional leading /)",
    );
  return words;
}

/** Checks that no word both approves and denies. */
export function checkApprovalWords(words: ApprovalWords): ApprovalWords {
  const both = words.approve.find((w) => words.deny.includes(w));
  if (both !== undefined)
    throw new InputError('deny-words', both, 'words that are not also approve-words (a word cannot do both)');
  return words;
}

/** The vote a comment casts and the line that cast it; deny wins when a comment holds both. */
export function readVerdict(body: string, words: ApprovalWords): { verdict: Verdict; line: string } | undefined {
  let approve: string | undefined;
  for (const line of votingLines(body)) {
    const word = line
      .toLowerCase()
      .replace(/[.!]+$/, '')
      .trim();
    if (words.deny.includes(word)) return { verdict: 'deny', line };
    if (approve === undefined && words.approve.includes(word)) approve = line;
  }
  return approve === undefined ? undefined : { verdict: 'approve', line: approve };
}

/** The lines of a Markdown comment that can vote: outside fenced and indented code blocks and quotes. */
function votingLines(body: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && raw.trim() === fenceMark)
        fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    // Four spaces or a tab start an indented code block; `>` a quote (also after up to three spaces).
    if (/^( {4}|\t)/.test(raw) || /^ {0,3}>/.test(raw)) continue;
    // A code span anywhere on the line makes it not a bare word; HTML comments hide text from readers.
    if (raw.includes('`') || raw.includes('<!--')) continue;
    lines.push(raw.trim());
  }
  return lines;
}
