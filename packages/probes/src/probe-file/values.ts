/**
 * Checks of single values that several probe kinds share: durations, regular expressions, JSON paths,
 * URLs, host names and resolver addresses. Each reads a value at a key path and fails there.
 */
import { DURATION_FORMS, tryParseDuration } from '@shipgate/core';
import { JsonPathError, parseJsonPath } from '../json-path.js';
import type { DefinitionContext, KeyPath } from './definition-context.js';

/** A duration in milliseconds; `positive` refuses zero. */
export function durationAt(ctx: DefinitionContext, path: KeyPath, value: unknown, positive = true): number {
  const text = ctx.text(path, value);
  const ms = tryParseDuration(text);
  if (ms === undefined) ctx.fail(path, `'${text}' is not a duration: expected ${DURATION_FORMS}`);
  if (positive && ms <= 0) ctx.fail(path, `'${text}' is too short: it must be longer than 0`);
  return ms;
}

/** A regular expression's source, once it is known to compile. */
export function regexAt(ctx: DefinitionContext, path: KeyPath, value: unknown): string {
  const source = ctx.text(path, value);
  try {
    new RegExp(source);
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
        : String(error);
    ctx.fail(path, `'${source}' is not a valid regular expression: ${reason}`);
  }
  return source;
}

/** A JSON path as written, once it is known to parse. */
export function jsonPathAt(ctx: DefinitionContext, path: KeyPath, value: unknown): string {
  const source = ctx.text(path, value);
  try {
    parseJsonPath(source);
  } catch (error) {
    if (error instanceof JsonPathError) ctx.fail(path, error.message);
    throw error;
  }
  return source;
}

/** Step placeholders stand for values we do not know yet; any URL-safe text will do while checking. */
const withoutPlaceholders = (url: string): string => url.replace(/\$\{steps\.[^}]+\}/g, 'x');

/** An absolute http(s) URL or a path starting with `/` (relative to the base-url input). */
export function httpUrlAt(
  ctx: DefinitionContext,
  path: KeyPath,
  value: unknown,
  use: { stepReferences?: boolean } = {},
): string {
  const url = ctx.text(path, value, use);
  const shown = String(value);
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  const parsed = URL.parse(withoutPlaceholders(url));
  const allowed =
    'write an absolute http(s) URL (https://api.example.com/health) or a path starting with / (relative to the base-url input)';
  if (parsed === null || url.startsWith('//')) ctx.fail(path, `'${shown}' is not a valid URL: ${allowed}`);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    ctx.fail(path, `'${shown}' uses ${parsed.protocol}, but only http:// and https:// are probed here: ${allowed}`);
  return url;
}

/** An absolute ws:// or wss:// URL. */
export function webSocketUrlAt(ctx: DefinitionContext, path: KeyPath, value: unknown): string {
  const url = ctx.text(path, value, { secret: false });
  const shown = String(value);
  const allowed = 'a websocket probe needs an absolute ws:// or wss:// URL (ws://127.0.0.1:8080/echo)';
  if (url.startsWith('/')) ctx.fail(path, `'${shown}' is relative: ${allowed}; base-url applies to HTTP probes only`);
  const parsed = URL.parse(url);
  if (parsed === null) ctx.fail(path, `'${shown}' is not a valid URL: ${allowed}`);
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    ctx.fail(path, `'${shown}' uses ${parsed.protocol}, but ${allowed}`);
  return url;
}

/** A host name or IP address, without scheme, path or port. */
export function hostAt(ctx: DefinitionContext, path: KeyPath, value: unknown): string {
  const host = ctx.text(path, value).trim();
  const allowed = 'write the name or IP address alone (api.example.com, 10.0.0.1)';
  if (host === '' || /[\s/]/.test(host)) ctx.fail(path, `'${host}' is not a host name: ${allowed}`);
  if (host.split(':').length === 2) ctx.fail(path, `'${host}' is not a host name: ${allowed}, and the port in 'port'`);
  return host;
}

/** A resolver address, returned as `host:port` (port 53 when none is given). */
export function resolverAt(ctx: DefinitionContext, path: KeyPath, value: unknown): string {
  const text = ctx.text(path, value).trim();
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3}))(?::(\d+))?$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const valid = host !== undefined && (match?.[1] !== undefined ? isIpv6(host) : isIpv4(host));
  if (!valid)
    ctx.fail(
      path,
      `'${text}' is not a resolver address: write an IP address with an optional port (127.0.0.1:5353, [::1]:53)`,
    );
  const port = Number(match?.[3] ?? 53);
  if (port < 1 || port > 65535) ctx.fail(path, `port ${port} of '${text}' is outside 1-65535`);
  return match?.[1] !== undefined ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A dotted IPv4 address with each part in 0-255. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** An IPv6 address, as the URL parser accepts it in brackets. */
export function isIpv6(text: string): boolean {
  return text.includes(':') && URL.canParse(`http://[${text}]/`);
}
