/**
 * The labels of a fixture under test/fixtures/workflows (see its README.md): `file:line rule` for each line that
 * ends with `# expect: rule[, rule]` (or `// expect:` in JavaScript).
 */
export function labelsOf(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /(?:#|\/\/) expect: ([\w/, -]+)$/.exec(line);
    return match ? match[1]!.split(',').map((rule) => `${file}:${index + 1} ${rule.trim()}`) : [];
  });
}

/** Recall and precision of `found` against `expected` (both `file:line rule`), with what was missed and extra. */
export function score(expected: ReadonlySet<string>, found: ReadonlySet<string>) {
  const hits = [...found].filter((f) => expected.has(f)).length;
  return {
    recall: expected.size === 0 ? 1 : hits / expected.size,
    precision: found.size === 0 ? 1 : hits / found.size,
    missed: [...expected].filter((e) => !found.has(e)),
    extra: [...found].filter((f) => !expected.has(f)),
  };
}
