/**
 * The one grammar of server addresses ("targets"): `host:port` (a name, an IPv4 address or `[IPv6]`, port 1 to
 * 65535) or `unix:/path`, separated by commas, blanks or new lines. Every action reads targets through here.
 */
import { InputError } from './errors.js';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/** Whether `target` is `host:port` (a name, an IPv4 address or `[IPv6]`, port 1 to 65535) or `unix:/path`. */
export function isTarget(target: string): boolean {
  if (target.startsWith('unix:')) return /^unix:\/[^\s;{}'"]+$/.test(target);
  const colon = target.lastIndexOf(':');
  if (colon <= 0) return false;
  const port = target.slice(colon + 1);
  return HOST.test(target.slice(0, colon)) && /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/**
 * Splits a targets input (`10.0.0.5:8080, 10.0.0.6:8080`, or one per line) into a checked list.
 * @throws InputError naming the input and the first bad target.
 */
export function parseTargets(text: string, input: string): string[] {
  const targets = text.split(/[\s,]+/).filter(Boolean);
  checkSide(targets, input);
  return targets;
}

export function checkSide(targets: readonly string[], input: string): void {
  if (targets.length === 0)
    throw new InputError(
      input,
      undefined,
      'one or more servers as host:port or unix:/path, separated by commas or new lines',
    );
  for (const target of targets) {
    if (!isTarget(target)) {
      throw new InputError(
        input,
        target,
        'host:port (a host name, an IPv4 address or [IPv6], and a port from 1 to 65535) or unix:/absolute/path',
      );
    }
  }
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate)
    throw new InputError(input, duplicate, 'each server once', { hint: `${duplicate} is listed twice in ${input}.` });
}
