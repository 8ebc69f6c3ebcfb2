/**
 * The PromQL a Prometheus provider runs: built-in templates for request, error and latency-bucket counts,
 * custom templates, and the `{version}`, `{interval}`, `{selector}` placeholders both kinds share.
 */
import { InputError } from '@shipgate/core';

/** Placeholders a query template may hold. */
export const QUERY_PLACEHOLDERS = ['version', 'interval', 'selector'] as const;

/** What a template's placeholders stand for in one query. */
export interface QueryValues {
  /** The side's version, escaped for a PromQL double-quoted string. */
  version: string;
  /** The window as a PromQL duration: `60s`, or `1500ms` when not a whole number of seconds. */
  interval: string;
  /** The side's label matchers, without braces: `version="v2"`. */
  selector: string;
}

/** Custom PromQL for the counts, each returning one series (or none, meaning 0). */
export interface CustomQueries {
  canaryRequests?: string;
  canaryErrors?: string;
  baselineRequests?: string;
  baselineErrors?: string;
}

/** Names and matchers the built-in templates use. */
export interface BuiltInNames {
  requestsMetric: string;
  errorMatcher: string;
  latencyMetric: string;
}

/** The three queries run for one side. */
export interface SideQueries {
  requests: string;
  errors: string;
  latencyBuckets: string;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Escapes text for a PromQL double-quoted string. */
export function escapePromQlString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A window length as a PromQL duration. */
export function promQlDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`;
}

/**
 * Checks that a template uses only known placeholders (`{version}`, `{interval}`, `{selector}`). PromQL's own
 * braces always hold a matcher with an operator, so a bare `{word}` is a placeholder or a typo.
 * @throws InputError naming the query and the unknown placeholder.
 */
export function checkTemplate(name: string, template: string): void {
  for (const [, key] of template.matchAll(PLACEHOLDER)) {
    if (!(QUERY_PLACEHOLDERS as readonly string[]).includes(key as string)) {
      throw new InputError(
        name,
        template,
        `PromQL with the placeholders ${QUERY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}; {${key}} is not one of them`,
      );
    }
  }
}

/** Fills a template's placeholders. */
export function renderTemplate(template: string, values: QueryValues): string {
  return template.replace(PLACEHOLDER, (whole, key: string) =>
    key in values ? values[key as keyof QueryValues] : whole,
  );
}

/** The built-in queries for one side: counts over the window, and latency buckets by `le`. */
export function builtInQueries(names: BuiltInNames, values: QueryValues): SideQueries {
  const range = `[${values.interval}]`;
  return {
    requests: `sum(increase(${names.requestsMetric}{${values.selector}}${range}))`,
    errors: `sum(increase(${names.requestsMetric}{${values.selector},${names.errorMatcher}}${range}))`,
    latencyBuckets: `sum by (le) (increase(${names.latencyMetric}_bucket{${values.selector}}${range}))`,
  };
}
