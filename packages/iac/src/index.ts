export * from './rule.js';
export * from './image-reference.js';
export { checkKubernetesSecurity, checkKubernetesReliability } from './kubernetes/check-kubernetes.js';
export { KUBERNETES_SECURITY_RULES, KUBERNETES_RELIABILITY_RULES } from './kubernetes/rules.js';
export { checkComposeSecurity, COMPOSE_SECURITY_RULES } from './compose/check-compose-security.js';
export { checkDockerfile } from './dockerfile/check-dockerfile.js';
export { DOCKERFILE_RULES } from './dockerfile/rules.js';
export { IAC_RULES } from './all-rules.js';
