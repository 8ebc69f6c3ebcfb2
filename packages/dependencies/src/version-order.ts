/**
 * Version order per ecosystem, for reading OSV ranges (which fix applies to an installed version). Semantic
 * versioning (https://semver.org/#spec-item-11) for npm, crates.io and Go; a token comparison for PyPI, RubyGems
 * and Packagist that orders pre-releases (dev < alpha < beta < rc) before the release and post-releases after it,
 * as PEP 440, RubyGems and Composer do for the versions people publish.
 */
import type { Ecosystem } from './package-ref.js';

/** Negative when `a` comes before `b` in `ecosystem`'s order, zero when equal, positive after. */
export function compareVersions(ecosystem: Ecosystem | string, a: string, b: string): number {
  if (ecosystem === 'npm' || ecosystem === 'crates.io' || ecosystem === 'Go') {
    const sa = parseSemver(a);
    const sb = parseSemver(b);
    if (sa && sb) return compareSemver(sa, sb);
  }
  return compareTokens(a, b);
}

interface Semver {
  core: [number, number, number];
  pre: string[];
}

function parseSemver(text: string): Semver | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ? m[4].split('.') : [] };
}

function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.core[i] as number) - (b.core[i] as number);
    if (d !== 0) return Math.sign(d);
  }
  // A version without pre-release comes after the same version with one.
  if (a.pre.length === 0 || b.pre.length === 0)
    return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Rank of a word inside a version: below zero before the release, above it after (post-releases). */
const WORDS: Record<string, number> = {
  dev: -5,
  a: -4,
  alpha: -4,
  b: -3,
  beta: -3,
  pre: -2,
  preview: -2,
  c: -1,
  rc: -1,
  post: 1,
  p: 1,
  pl: 1,
  patch: 1,
  r: 1,
  rev: 1,
};

function tokens(version: string): (number | string)[] {
  return (
    version
      .trim()
      .toLowerCase()
      .replace(/^v(?=\d)/, '')
      .match(/\d+|[a-z]+/g) ?? []
  ).map((t) => (/^\d/.test(t) ? Number(t) : t));
}

/** A missing token counts as 0 for numbers; a word ranks by {@link WORDS} (unknown words are pre-releases). */
function compareTokens(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i] ?? 0;
    const y = tb[i] ?? 0;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return Math.sign(x - y);
      continue;
    }
    const rx = typeof x === 'number' ? 0 : (WORDS[x] ?? -4.5);
    const ry = typeof y === 'number' ? 0 : (WORDS[y] ?? -4.5);
    if (rx !== ry) return Math.sign(rx - ry);
    if (typeof x === 'string' && typeof y === 'string' && x !== y) return x < y ? -1 : 1;
    if (typeof x === 'number' && typeof y === 'number') continue;
  }
  return 0;
}
