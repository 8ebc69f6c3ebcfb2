const ASCII_COUNTS = new Int32Array(128);

/** Shannon entropy of `text` in bits per character (0 for the empty string). */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  // Printable ASCII (nearly every secret) is counted in a reused table; anything else falls back to a map.
  if (!/[^ -~\t\n\r]/.test(text)) {
    ASCII_COUNTS.fill(0);
    for (let i = 0; i < text.length; i++) ASCII_COUNTS[text.charCodeAt(i)]!++;
    let entropy = 0;
    for (let c = 0; c < 128; c++) {
      const count = ASCII_COUNTS[c]!;
      if (count === 0) continue;
      const p = count / text.length;
      entropy -= p * Math.log2(p);
    }
    return entropy;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
