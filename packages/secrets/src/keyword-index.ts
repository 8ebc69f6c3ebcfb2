/**
 * The one-pass prefilter: an Aho-Corasick automaton over every rule's keywords, compiled to a dense DFA on
 * case-folded character classes, so the scan does one table lookup per character whatever the number of rules
 * and reports, at the end of each keyword occurrence, the rules that keyword selects.
 */
export class KeywordIndex {
  private constructor(
    /** Character code (UTF-16 unit) to class; 0 for characters in no keyword. */
    private readonly classes: Uint8Array,
    private readonly classCount: number,
    /** Next state, premultiplied by `classCount`, at `state + class` (16 bits when the table is small enough). */
    private readonly delta: Uint16Array | Int32Array,
    /** States are numbered so that those where some keyword ends come last, from this (premultiplied) one on. */
    private readonly firstAccepting: number,
    /** The rules selected at each accepting state, by premultiplied state. */
    private readonly outputs: Map<number, Int32Array>,
  ) {}

  /** Builds the automaton; `keywordsByRule[r]` are rule r's keywords (any case; empty ones are ignored). */
  static build(keywordsByRule: readonly (readonly string[])[]): KeywordIndex {
    const classes = new Uint8Array(65536);
    let classCount = 1;
    const words: { word: string; rule: number }[] = [];
    keywordsByRule.forEach((keywords, rule) => {
      for (const keyword of keywords) {
        const word = keyword.toLowerCase();
        if (word) words.push({ word, rule });
      }
    });
    for (const { word } of words) {
      for (const char of word) {
        const lower = char.charCodeAt(0);
        if (classes[lower] !== 0) continue;
        if (classCount === 255) throw new Error('Keywords use more than 254 distinct characters');
        classes[lower] = classCount;
        const upper = char.toUpperCase();
        if (upper.length === 1) classes[upper.charCodeAt(0)] = classCount;
        classCount++;
      }
    }

    // The trie.
    const next: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (const { word, rule } of words) {
      let state = 0;
      for (let i = 0; i < word.length; i++) {
        const cls = classes[word.charCodeAt(i)]!;
        let target = next[state]!.get(cls);
        if (target === undefined) {
          target = next.length;
          next.push(new Map());
          own.push([]);
          next[state]!.set(cls, target);
        }
        state = target;
      }
      own[state]!.push(rule);
    }

    // Failure links, breadth first, folded into a complete transition table.
    const count = next.length;
    const table = new Int32Array(count * classCount);
    const fail = new Int32Array(count);
    const outputs: number[][] = own.map((rules) => [...rules]);
    const queue: number[] = [];
    for (let cls = 1; cls < classCount; cls++) {
      const target = next[0]!.get(cls);
      if (target !== undefined) {
        table[cls] = target;
        queue.push(target);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let cls = 0; cls < classCount; cls++) {
        const target = next[state]!.get(cls);
        const viaFail = table[fail[state]! * classCount + cls]!;
        if (target === undefined) {
          table[state * classCount + cls] = viaFail;
        } else {
          fail[target] = viaFail;
          table[state * classCount + cls] = target;
          queue.push(target);
        }
      }
    }

    // Renumbered: the start state stays 0, accepting states go last, so one comparison tells a hit.
    const states = [...outputs.keys()];
    const order = [
      ...states.filter((state) => outputs[state]!.length === 0),
      ...states.filter((state) => outputs[state]!.length > 0),
    ];
    const renumbered = new Int32Array(count);
    order.forEach((state, i) => (renumbered[state] = i));
    const cells = count * classCount;
    const delta = cells <= 65536 ? new Uint16Array(cells) : new Int32Array(cells);
    for (let state = 0; state < count; state++) {
      for (let cls = 0; cls < classCount; cls++)
        delta[renumbered[state]! * classCount + cls] = renumbered[table[state * classCount + cls]!]! * classCount;
    }
    const outputMap = new Map<number, Int32Array>();
    outputs.forEach((rules, state) => {
      if (rules.length > 0) outputMap.set(renumbered[state]! * classCount, Int32Array.from(new Set(rules)).sort());
    });
    const firstAccepting = (count - outputMap.size) * classCount;
    return new KeywordIndex(classes, classCount, delta, firstAccepting, outputMap);
  }

  /**
   * Runs the automaton over `text` and calls `onHit(end, rules)` where a keyword ends at `end` (inclusive),
   * with the rules its keywords select (shared, do not modify).
   */
  scan(text: string, onHit: (end: number, rules: Int32Array) => void): void {
    const { classes, delta, firstAccepting, outputs } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      state = delta[state + classes[text.charCodeAt(i)]!]!;
      if (state >= firstAccepting) onHit(i, outputs.get(state)!);
    }
  }

  /** Number of automaton states, for benchmarks. */
  get states(): number {
    return this.delta.length / this.classCount;
  }
}
