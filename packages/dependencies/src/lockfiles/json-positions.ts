/**
 * Where each value of a JSON document starts, by key path: `JSON.parse` gives the data, this gives the lines
 * that findings point at. One pass over the text, strings skipped whole; keys are kept as written (raw).
 */

/** Key paths joined with this character, which cannot occur raw inside a JSON string. */
const SEP = '\n';

/** The line (1-based) of the value at each key path up to `maxDepth` keys deep; array items count as keys. */
export class JsonPositions {
  private readonly lines = new Map<string, number>();

  constructor(text: string, maxDepth: number) {
    // Each open container: its path, and for arrays the index of the next item.
    const stack: { path: string[]; index: number; array: boolean }[] = [];
    let line = 1;
    let pendingKey: string | undefined;
    let lastString: string | undefined;
    const record = (key: string) => {
      const parent = stack[stack.length - 1];
      if (!parent || parent.path.length >= maxDepth) return;
      this.lines.set([...parent.path, key].join(SEP), line);
    };
    const valueStarts = () => {
      const parent = stack[stack.length - 1];
      if (!parent) return [] as string[];
      if (parent.array) {
        const key = String(parent.index++);
        record(key);
        return [...parent.path, key];
      }
      const key = pendingKey ?? '';
      pendingKey = undefined;
      return [...parent.path, key];
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        lastString = text.slice(i + 1, j);
        const top = stack[stack.length - 1];
        // A string in an object with no key pending is a key; elsewhere it is a value.
        if (top && !top.array && pendingKey === undefined && !afterColon(text, i)) {
          pendingKey = lastString;
          record(lastString);
        } else valueStarts();
        i = j;
      } else if (c === '{' || c === '[') {
        const path = valueStarts();
        stack.push({ path: stack.length === 0 ? [] : path, index: 0, array: c === '[' });
      } else if (c === '}' || c === ']') stack.pop();
      else if (c === ',' || c === ':' || c === ' ' || c === '\t' || c === '\r') continue;
      else {
        // A number, true, false or null: one value.
        valueStarts();
        while (i + 1 < text.length && !',}]\n \t\r'.includes(text[i + 1] as string)) i++;
      }
    }
  }

  /** The line of the value (or key) at `path`, if the document has it. */
  lineOf(path: readonly (string | number)[]): number | undefined {
    return this.lines.get(path.map(String).join(SEP));
  }
}

/** Whether the nearest non-blank character before `i` is a colon (the string is a value, not a key). */
function afterColon(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text[k] as string;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') continue;
    return c === ':';
  }
  return false;
}
