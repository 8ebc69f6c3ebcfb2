/**
 * Just enough of npm's semver ranges to check `engines` against the runner's version: `||` alternatives,
 * space-separated comparators (`>=18 <21`), hyphen ranges, `^`, `~`, x-ranges (`18`, `18.x`, `*`) and the
 * operators `<`, `<=`, `>`, `>=`, `=`. Pre-release tags are ignored. `undefined` for a range it cannot read.
 */
type Triple = [number, number, number];

const PART = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/;

/** `24.1.0` or `v24.1.0` → [24, 1, 0]; `undefined` for anything else. */
export function parseVersion(text: string): Triple | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim()) ?? /^v?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A partial version as the bounds it stands for: `18` → [18.0.0, 19.0.0). */
function bounds(text: string): { low: Triple; high: Triple | undefined; parts: number } | undefined {
  const match = PART.exec(text);
  if (!match) return undefined;
  const nums = [match[1], match[2], match[3]].map((p) => (p === undefined || /[xX*]/.test(p) ? undefined : Number(p)));
  const parts = nums.findIndex((n) => n === undefined);
  const known = parts < 0 ? 3 : parts;
  const low: Triple = [nums[0] ?? 0, known > 1 ? (nums[1] ?? 0) : 0, known > 2 ? (nums[2] ?? 0) : 0];
  if (known === 0) return { low: [0, 0, 0], high: undefined, parts: 0 };
  const high: Triple | undefined = known === 3 ? undefined : known === 2 ? [low[0], low[1] + 1, 0] : [low[0] + 1, 0, 0];
  return { low, high, parts: known };
}

type Test = (v: Triple) => boolean;

function comparator(text: string): Test[] | undefined {
  if (text === '' || text === '*' || /^[xX]$/.test(text)) return [() => true];
  const op = /^(<=|>=|<|>|=|\^|~)?\s*(.*)$/.exec(text);
  const operator = op?.[1] ?? '';
  const b = bounds(op?.[2] ?? '');
  if (!b) return undefined;
  const { low, high, parts } = b;
  const below =
    (limit: Triple | undefined): Test =>
    (v) =>
      limit === undefined || compare(v, limit) < 0;
  switch (operator) {
    case '':
    case '=':
      return parts === 3 ? [(v) => compare(v, low) === 0] : [(v) => compare(v, low) >= 0, below(high)];
    case '>=':
      return [(v) => compare(v, low) >= 0];
    case '>':
      return parts === 3 ? [(v) => compare(v, low) > 0] : [(v) => high === undefined || compare(v, high) >= 0];
    case '<':
      return [(v) => compare(v, low) < 0];
    case '<=':
      return parts === 3 ? [(v) => compare(v, low) <= 0] : [below(high)];
    case '~':
      return [(v) => compare(v, low) >= 0, below(parts >= 2 ? [low[0], low[1] + 1, 0] : [low[0] + 1, 0, 0])];
    case '^': {
      const limit: Triple =
        low[0] > 0 || parts === 1
          ? [low[0] + 1, 0, 0]
          : low[1] > 0 || parts === 2
            ? [0, low[1] + 1, 0]
            : [0, 0, low[2] + 1];
      return [(v) => compare(v, low) >= 0, below(limit)];
    }
    default:
      return undefined;
  }
}

/** Whether `version` satisfies `range`; `undefined` when the range is not one this reads. */
export function satisfies(version: string, range: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  let readable = true;
  const any = range.split('||').some((alternative) => {
    const text = alternative.trim().replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    const tests: Test[] = [];
    const pieces = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : text.split(/\s+/);
    for (const piece of pieces) {
      const found = comparator(piece);
      if (!found) {
        readable = false;
        return false;
      }
      tests.push(...found);
    }
    return tests.every((test) => test(v));
  });
  return readable || any ? any : undefined;
}
