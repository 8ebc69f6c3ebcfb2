export * from './finding.js';
export * from './json-pointer.js';
export { parsePositionedYaml, locateIssue } from './positioned-yaml.js';
export type { PositionedDocument, PositionedFile, TextRange, YamlDialect } from './positioned-yaml.js';
export { tryLoadFast } from './fast-yaml.js';
export * from './kubernetes/kubernetes-versions.js';
export * from './kubernetes/removed-apis.js';
export { checkKubernetesFile, checkResource } from './kubernetes/check-kubernetes.js';
export type { KubernetesCheck } from './kubernetes/check-kubernetes.js';
