import type { SchemaValidator } from '@shipgate/core';
import type { ManifestFinding, PathIssue } from '../finding.js';
import { checkYamlDocuments } from '../positioned-yaml.js';
import { pathToField } from '../json-pointer.js';
import {
  BUILTIN_API_GROUPS,
  groupOf,
  kindExportName,
  type KindValidators,
  type KubernetesVersion,
} from './kubernetes-versions.js';
import { findRemovedApi } from './removed-apis.js';
import { schemaIssues } from './schema-errors.js';

/** What Kubernetes manifests are checked against. */
export interface KubernetesCheck {
  /** The Kubernetes minor version the manifests will be applied to. */
  version: KubernetesVersion;
  /** That version's validators (`loadKindValidators(version)`). */
  validators: KindValidators;
  /** Validators for custom resources, by `apiVersion/kind` (`cert-manager.io/v1/Certificate`). */
  customResources?: ReadonlyMap<string, SchemaValidator>;
}

/**
 * Checks every document of one YAML file of Kubernetes manifests: YAML syntax and duplicate keys, then each
 * resource against its schema for the target version (strict: unknown fields are errors), removed API versions,
 * unknown kinds of built-in groups; custom resources without a schema get a notice that they were not checked.
 * Every finding has its file:line:column. Positions are computed only for files that have a finding: a clean file
 * is read once by the fast parser.
 */
export function checkKubernetesFile(file: string, text: string, check: KubernetesCheck): ManifestFinding[] {
  return checkYamlDocuments(file, text, 'kubernetes', (data, index) => checkResource(data, index, check));
}

/** The issues of one document, without positions: `index` is its place in the file, for messages. */
export function checkResource(data: unknown, index: number, check: KubernetesCheck): PathIssue[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : `the ${typeof data} ${JSON.stringify(data)}`;
    return [
      {
        rule: 'kubernetes/not-an-object',
        severity: 'error',
        message: `document ${index + 1} is ${what}, not a Kubernetes object (a mapping with apiVersion and kind)`,
        path: [],
      },
    ];
  }
  return checkObject(data as Record<string, unknown>, [], check);
}

function checkObject(
  object: Record<string, unknown>,
  prefix: readonly (string | number)[],
  check: KubernetesCheck,
): PathIssue[] {
  const { apiVersion, kind } = object;
  const missing = [
    typeof apiVersion === 'string' && apiVersion ? '' : 'apiVersion',
    typeof kind === 'string' && kind ? '' : 'kind',
  ].filter(Boolean);
  if (missing.length > 0 || typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const key = missing.find((name) => name in object);
    return [
      {
        rule: 'kubernetes/missing-type-meta',
        severity: 'error',
        message: `a Kubernetes object needs apiVersion and kind as text: ${missing.join(' and ')} ${key ? 'is not text' : 'missing'}`,
        path: key ? [...prefix, key] : prefix,
      },
    ];
  }
  // kubectl accepts `kind: List` and applies each item.
  if (apiVersion === 'v1' && kind === 'List' && Array.isArray(object.items)) {
    return object.items.flatMap((item, i) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? checkObject(item as Record<string, unknown>, [...prefix, 'items', i], check)
        : [],
    );
  }
  const removed = findRemovedApi(apiVersion, kind, check.version);
  if (removed) {
    const instead = removed.replacement ? `use apiVersion: ${removed.replacement}` : 'it has no successor';
    return [
      {
        rule: 'kubernetes/removed-api',
        severity: 'error',
        message: `${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn} (checking for ${check.version}): ${instead}${removed.note ? ` (${removed.note})` : ''}`,
        path: [...prefix, 'apiVersion'],
      },
    ];
  }
  const validate =
    check.validators[kindExportName(apiVersion, kind)] ?? check.customResources?.get(`${apiVersion}/${kind}`);
  if (!validate) return [unknownKind(apiVersion, kind, prefix, check)];
  const quantities = [...quantityIssues(object, kind, prefix), ...binaryDataIssues(object, kind, prefix)];
  if (validate(object)) return quantities;
  // Go reads an explicit null as "not set" (kubectl writes `creationTimestamp: null`): check again without them.
  if (hasNull(object) && validate(withoutNulls(object))) return quantities;
  return [...schemaIssues(validate.errors ?? [], kind, prefix), ...quantities];
}

/** Standard base64 with padding, as Go decodes `[]byte` fields (line breaks are skipped). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A Secret's `data` and a ConfigMap's `binaryData` hold base64; the schemas say only "string", and the API server
 * rejects anything else ("illegal base64 data"). Plain text belongs in a Secret's `stringData`.
 */
function binaryDataIssues(
  object: Record<string, unknown>,
  kind: string,
  prefix: readonly (string | number)[],
): PathIssue[] {
  const field = kind === 'Secret' ? 'data' : kind === 'ConfigMap' ? 'binaryData' : undefined;
  const values = field ? object[field] : undefined;
  if (!field || values === null || typeof values !== 'object' || Array.isArray(values)) return [];
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === 'string' && !BASE64.test(value.replace(/[\r\n]/g, ''))
      ? [
          {
            rule: 'kubernetes/invalid-value',
            severity: 'error' as const,
            message: `${kind} ${field}.${key}: the value is not base64${kind === 'Secret' ? '; encode it, or move it to stringData' : ''}`,
            path: [...prefix, field, key],
          },
        ]
      : [],
  );
}

/**
 * Kubernetes' resource.Quantity: a decimal number with an optional binary (Ki…Ei), decimal (n, u, m, k, M…E) or
 * exponent suffix. The OpenAPI schemas say only "string or number", so `512MB` or `1 Gi` pass them and the API
 * server rejects the object.
 */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

/**
 * The quantities of a built-in object that are not valid: resource requests and limits (containers, pods,
 * claims), `sizeLimit`, a ResourceQuota's `hard`, a PersistentVolume's `capacity`, a LimitRange's limits.
 */
function quantityIssues(
  object: Record<string, unknown>,
  kind: string,
  prefix: readonly (string | number)[],
): PathIssue[] {
  const issues: PathIssue[] = [];
  const checkValue = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'string' || QUANTITY.test(value)) return;
    const unit = /^(\d+(?:\.\d+)?)\s*([KMGTPE])i?B$/i.exec(value);
    const hint = unit
      ? `; write ${unit[1]}${unit[2]!.toUpperCase()}i (powers of 1024) or ${unit[1]}${unit[2]!.toUpperCase()} (powers of 1000)`
      : /\s/.test(value)
        ? `; write it without spaces (${value.replace(/\s+/g, '')})`
        : '; a number with an optional suffix: Ki, Mi, Gi, Ti, m, k, M, G, T';
    issues.push({
      rule: 'kubernetes/invalid-value',
      severity: 'error',
      message: `${kind} ${pathToField(path)}: ${JSON.stringify(value)} is not a Kubernetes quantity${hint}`,
      path: [...prefix, ...path],
    });
  };
  const checkMap = (map: unknown, path: (string | number)[]) => {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) return;
    for (const [key, value] of Object.entries(map)) checkValue(value, [...path, key]);
  };
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'resources' && item !== null && typeof item === 'object' && !Array.isArray(item)) {
        checkMap((item as Record<string, unknown>).limits, [...path, key, 'limits']);
        checkMap((item as Record<string, unknown>).requests, [...path, key, 'requests']);
      } else if (key === 'sizeLimit') checkValue(item, [...path, key]);
      walk(item, [...path, key]);
    }
  };
  walk(object.spec, ['spec']);
  const spec = object.spec as Record<string, unknown> | undefined;
  if (spec && typeof spec === 'object') {
    if (kind === 'ResourceQuota') checkMap(spec.hard, ['spec', 'hard']);
    if (kind === 'PersistentVolume') checkMap(spec.capacity, ['spec', 'capacity']);
    if (kind === 'LimitRange' && Array.isArray(spec.limits))
      spec.limits.forEach((limit: unknown, i: number) => {
        if (limit === null || typeof limit !== 'object') return;
        for (const field of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
          checkMap((limit as Record<string, unknown>)[field], ['spec', 'limits', i, field]);
      });
  }
  return issues;
}

function unknownKind(
  apiVersion: string,
  kind: string,
  prefix: readonly (string | number)[],
  check: KubernetesCheck,
): PathIssue {
  if (!BUILTIN_API_GROUPS.has(groupOf(apiVersion))) {
    return {
      rule: 'kubernetes/custom-resource-not-checked',
      severity: 'notice',
      message: `${apiVersion} ${kind} is a custom resource: not checked (no schema was given for it)`,
      path: [...prefix, 'kind'],
    };
  }
  const names = Object.keys(check.validators);
  const versionPrefix = `${kindExportName(apiVersion, '')}`;
  const kinds = names.filter((name) => name.startsWith(versionPrefix)).map((name) => name.slice(versionPrefix.length));
  const elsewhere = names.filter((name) => name.endsWith(`_${kind}`) && !name.startsWith(versionPrefix)).length > 0;
  const message =
    kinds.length > 0
      ? `${kind} is not a kind of ${apiVersion} in Kubernetes ${check.version}; its kinds are ${kinds.join(', ')}`
      : `${apiVersion} is not served by Kubernetes ${check.version}${elsewhere ? `; ${kind} exists in another API version of this release` : ''}`;
  return {
    rule: 'kubernetes/unknown-kind',
    severity: 'error',
    message,
    path: [...prefix, kinds.length > 0 ? 'kind' : 'apiVersion'],
  };
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (hasNull(item)) return true;
  return false;
}

/** A copy without the mapping entries whose value is null (list items stay: a null item is an error). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}
