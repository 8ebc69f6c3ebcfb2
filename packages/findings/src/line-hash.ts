/**
 * `partialFingerprints.primaryLocationLineHash`, computed the way github/codeql-action's upload computes it
 * (src/fingerprints.ts there), so code scanning keeps one alert when a line moves instead of opening a new one.
 *
 * The algorithm: a rolling polynomial hash (base 37, modulo 2^64) over a window of the next 100 characters
 * (UTF-16 code units) from the start of each line, skipping spaces and tabs; `\r\n` and `\r` count as `\n`; an
 * end-of-file mark (65535) and then zeros follow the text. A line's value is the window's hash once the window
 * has moved past it, in unsigned hex, with `:n` where n counts earlier lines with the same hash.
 *
 * 64-bit arithmetic is done on two 32-bit halves held in doubles (every intermediate product stays below 2^53),
 * which is several times faster than BigInt on large files.
 */
const WINDOW = 100;
const BASE = 37;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const END_OF_FILE = 65535;
const TWO_32 = 0x100000000;

/** 37^100 mod 2^64, as [high, low] 32-bit halves: what leaves the window is multiplied by it. */
const [LEAVING_HIGH, LEAVING_LOW] = (() => {
  let value = 1n;
  for (let i = 0; i < WINDOW; i++) value = BigInt.asUintN(64, value * BigInt(BASE));
  return [Number(value >> 32n), Number(value & 0xffffffffn)];
})();

/** The hash of every line of `text`, index 0 for line 1 (`text.split(/\r\n|\r|\n/)` gives the lines). */
export function lineHashes(text: string): string[] {
  const window = new Uint16Array(WINDOW);
  const lineAt = new Int32Array(WINDOW).fill(-1);
  const hashes: string[] = [];
  const seen = new Map<string, number>();
  let high = 0;
  let low = 0;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let previousCR = false;

  const emit = (): void => {
    const hex = high === 0 ? low.toString(16) : high.toString(16) + low.toString(16).padStart(8, '0');
    const count = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, count);
    hashes[lineAt[index]! - 1] = `${hex}:${count}`;
    lineAt[index] = -1;
  };

  const push = (code: number): void => {
    const leaving = window[index]!;
    window[index] = code;
    // hash = hash * 37 + code - 37^100 * leaving  (mod 2^64)
    const lowTimes = low * BASE;
    let nextLow = (lowTimes % TWO_32) + code;
    let nextHigh = high * BASE + Math.floor(lowTimes / TWO_32);
    const outLow = LEAVING_LOW * leaving;
    nextLow -= outLow % TWO_32;
    nextHigh -= LEAVING_HIGH * leaving + Math.floor(outLow / TWO_32);
    const carry = Math.floor(nextLow / TWO_32);
    low = nextLow - carry * TWO_32;
    high = (((nextHigh + carry) % TWO_32) + TWO_32) % TWO_32;
    index = (index + 1) % WINDOW;
  };

  const consume = (input: number): void => {
    let code = input;
    if (code === SPACE || code === TAB || (previousCR && code === LF)) {
      previousCR = false;
      return;
    }
    previousCR = code === CR;
    if (previousCR) code = LF;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (code === LF) lineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length; i++) consume(text.charCodeAt(i));
  consume(END_OF_FILE);
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[index] !== -1) emit();
    push(0);
  }
  return hashes;
}

/** The hash of one line (1-based) of `text`, or `undefined` past its end. */
export function lineHash(text: string, line: number): string | undefined {
  return lineHashes(text)[line - 1];
}
