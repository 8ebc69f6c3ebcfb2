import { ConfigError } from '@shipgate/core';
import type { ProbeDefinition } from '../model.js';

/**
 * Joins a relative probe URL to the base URL, keeping the base's path (`https://x/api` + `/health` is
 * `https://x/api/health`, as users expect, unlike `new URL('/health', base)`).
 */
export function resolveUrl(url: string, baseUrl: string | undefined): string {
  if (!url.startsWith('/')) return url;
  if (baseUrl === undefined) throw new Error(`relative URL '${url}' needs the base-url input`);
  return `${baseUrl.replace(/\/+$/, '')}${url}`;
}

/** Fails before any probe runs when a probe has a relative URL and there is no base URL. */
export function checkRelativeUrls(probes: readonly ProbeDefinition[], baseUrl: string | undefined, file: string): void {
  if (baseUrl !== undefined) return;
  for (const probe of probes) {
    const urls =
      probe.kind === 'http' || probe.kind === 'security-headers'
        ? [probe.request.url]
        : probe.kind === 'flow'
          ? [...probe.steps, ...probe.cleanup].map((s) => s.request.url)
          : probe.kind === 'websocket'
            ? [probe.url]
            : [];
    const relative = urls.find((u) => u.startsWith('/'));
    if (relative !== undefined) {
      throw new ConfigError(
        file,
        `probe '${probe.name}'`,
        `has the relative URL '${relative}' but no base URL is set`,
        probe.location ?? {},
        {
          hint: "Set the 'base-url' input (for example https://staging.example.com), or write an absolute URL.",
        },
      );
    }
  }
}
