/**
 * Values of Kubernetes Secret manifests: every entry under `data:` (base64, judged decoded) and `stringData:`
 * (plain) of each YAML document whose `kind` is `Secret`. A line reader, not a YAML parser: it needs positions
 * and must be fast, and Secret manifests are flat.
 */
import { isNonSecretShape, isPlaceholder, isWeakDefault } from './decoys.js';
import { decodeBase64Text } from './value-checks.js';

export interface KubernetesSecretValue {
  key: string;
  /** The value as written (base64 under `data:`). */
  secret: string;
  /** Offset of the value in the text. */
  start: number;
}

/** Keys that name something other than a credential. */
const NOT_SECRET_KEY =
  /^(?:user(?:name)?|login|e-?mail|host(?:name)?|port|database|db(?:name)?|namespace|region|endpoint|url|uri|ca\.crt|tls\.crt|ca|ca-?bundle|.*\.(?:crt|cert|pem|pub))$/i;
const KIND_SECRET = /^kind:\s*["']?Secret["']?\s*(?:#.*)?$/m;
const ENTRY = /^([ \t]+)([\w.-]+):[ \t]*(.*?)[ \t]*$/;

/** The credential values of the Secret documents in `text`. */
export function kubernetesSecretValues(text: string): KubernetesSecretValue[] {
  const found: KubernetesSecretValue[] = [];
  let offset = 0;
  for (const doc of text.split(/(?<=\n)(?=---(?:[ \t].*)?\r?\n)/)) {
    if (KIND_SECRET.test(doc)) collect(doc, offset, found);
    offset += doc.length;
  }
  return found;
}

function collect(doc: string, offset: number, found: KubernetesSecretValue[]): void {
  let block: 'data' | 'stringData' | undefined;
  let position = offset;
  for (const line of doc.split('\n')) {
    const lineStart = position;
    position += line.length + 1;
    const top = /^(data|stringData):\s*$/.exec(line);
    if (top) {
      block = top[1] as 'data' | 'stringData';
      continue;
    }
    if (/^\S/.test(line)) {
      block = undefined;
      continue;
    }
    if (!block) continue;
    const entry = ENTRY.exec(line);
    if (!entry) continue;
    const [, , key, raw] = entry as unknown as [string, string, string, string];
    const value = raw.replace(/^(["'])(.*)\1$/, '$2');
    if (!value || value === '|' || value === '>' || NOT_SECRET_KEY.test(key)) continue;
    const plain = block === 'data' ? decodeBase64Text(value) : value;
    if (plain === undefined) continue;
    if (plain.length < 6 || isPlaceholder(plain) || isWeakDefault(plain) || isNonSecretShape(plain)) continue;
    if (block === 'stringData' && isPlaceholder(value)) continue;
    found.push({ key, secret: value, start: lineStart + line.lastIndexOf(value) });
  }
}
