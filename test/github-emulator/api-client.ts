/** A small fetch wrapper for emulator tests: sends the token and JSON, returns status, headers and body. */
import type { GitHubEmulator } from '../support/github-emulator/index.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the emulator with its token (or `token`, or none when `token` is `null`). */
export async function api<T = unknown>(
  emulator: GitHubEmulator,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; scheme?: 'token' | 'Bearer' } = {},
): Promise<ApiResponse<T>> {
  const token = options.token === undefined ? emulator.token : options.token;
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (token !== null) headers.authorization = `${options.scheme ?? 'token'} ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The `rel` → URL map of a `Link` header. */
export function parseLinks(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (match?.[1] && match[2]) links[match[2]] = match[1];
  }
  return links;
}
