import { describe, expect, it } from 'vitest';
import { imagePinProblem, parseImageReference } from './image-reference.js';

describe('parseImageReference', () => {
  it('splits name, tag and digest without taking a registry port for a tag', () => {
    expect(parseImageReference('registry.local:5000/team/app:1.2@sha256:abc')).toEqual({
      name: 'registry.local:5000/team/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImageReference('registry.local:5000/team/app')).toEqual({ name: 'registry.local:5000/team/app' });
  });
});

describe('imagePinProblem', () => {
  it.each([
    ['nginx', 'untagged'],
    ['docker.io/library/nginx', 'untagged'],
    ['localhost:5000/app', 'untagged'],
    ['nginx:latest', 'latest'],
    ['nginx:LATEST', 'latest'],
    ['nginx:1.27', undefined],
    ['nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac', undefined],
    ['nginx:latest@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac', undefined],
  ])('%s → %s', (image, problem) => {
    expect(imagePinProblem(image)).toBe(problem);
  });
});
