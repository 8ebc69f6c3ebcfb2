/**
 * Which files are manifests, by name and (for Kubernetes) by content: shared by error-detection (schema checks)
 * and security-scan (iac checks), so both find the same files. Paths use forward slashes.
 */

/** The last segment of a forward-slash path. */
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Compose files by name, as `docker compose` looks for them (`compose.yaml`, `docker-compose.override.yml`). */
export function isComposeFile(path: string): boolean {
  return /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/.test(basename(path));
}

/** Dockerfiles by name: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile` (and `Containerfile` alike). */
export function isDockerfile(path: string): boolean {
  return /^(?:(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?|[\w.-]+\.(?:Dockerfile|Containerfile))$/.test(basename(path));
}

// YAML files that carry apiVersion/kind but are not applied to a cluster as they are.
const NOT_MANIFESTS = /^(?:kustomization|chart|values(?:[.-][\w.-]+)?|pnpm-lock|\.pre-commit-config)\.ya?ml$/i;

/**
 * Whether a YAML file holds Kubernetes manifests: a document with top-level `apiVersion` and `kind`, outside
 * `.github/`, not a compose file, and not a template (Helm's `{{ }}` is not YAML until rendered).
 */
export function isKubernetesManifest(path: string, text: string): boolean {
  if (!/\.ya?ml$/.test(path) || path.startsWith('.github/') || path.includes('/.github/')) return false;
  if (isComposeFile(path) || NOT_MANIFESTS.test(basename(path))) return false;
  if (text.includes('{{')) return false;
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text);
}
