/** A container image reference split into its parts (`registry:5000/team/app:1.2@sha256:...`). */
export interface ImageReference {
  /** Everything before the tag and digest: registry, path and name. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits an image reference; the registry's port (`host:5000/app`) is not taken for a tag. */
export function parseImageReference(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Why an image reference is not pinned: `latest` as its tag, or neither a tag nor a digest. */
export type ImagePinProblem = 'latest' | 'untagged';

/**
 * `latest` or `untagged` when the image would float to whatever is pushed next; `undefined` when a tag (other than
 * `latest`) or a digest pins it. A digest pins even `name:latest@sha256:...`.
 */
export function imagePinProblem(image: string): ImagePinProblem | undefined {
  const reference = parseImageReference(image);
  if (reference.digest) return undefined;
  if (reference.tag === undefined || reference.tag === '') return 'untagged';
  return reference.tag.toLowerCase() === 'latest' ? 'latest' : undefined;
}
