import {
  CORE_SCHEMA,
  FAILSAFE_SCHEMA,
  Schema,
  boolYaml11Tag,
  floatYaml11Tag,
  intYaml11Tag,
  loadAll,
  mergeTag,
  nullYaml11Tag,
} from 'js-yaml';
import type { YamlDialect } from './positioned-yaml.js';

// js-yaml builds plain data about twenty times faster than the `yaml` package composes its positioned documents,
// so a file is first read with it and checked; only a file with a finding is read again with positions. Its
// schemas mirror parsePositionedYaml's dialects: YAML 1.1 without timestamps for Kubernetes (go-yaml v2), the
// core schema with merge keys otherwise.
const KUBERNETES_SCHEMA = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
]);
// Compose (compose-go on go-yaml v3) reads YAML 1.2 and merge keys.
const CORE_WITH_MERGE = CORE_SCHEMA.withTags(mergeTag);

/**
 * An alias (`*name`) where a node may start. Aliases are shared by reference in js-yaml's data, so a small file
 * can stand for a huge tree ("billion laughs") that a validator would walk in full: such files take the
 * positioned path, which counts alias expansions.
 */
const ALIAS = /(?:^|[\s[{,])\*[\w.-]/m;

/**
 * The documents of a YAML file as plain data, quickly, or `undefined` when the file needs the positioned parser:
 * a syntax error, a duplicate key (js-yaml rejects them), or aliases.
 */
export function tryLoadFast(text: string, dialect: YamlDialect): unknown[] | undefined {
  if (ALIAS.test(text)) return undefined;
  try {
    return loadAll(text, { schema: dialect === 'kubernetes' ? KUBERNETES_SCHEMA : CORE_WITH_MERGE });
  } catch {
    // A syntax error or duplicate key: the positioned parser reports it with its position.
    return undefined;
  }
}
