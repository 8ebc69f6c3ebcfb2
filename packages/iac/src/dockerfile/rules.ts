import type { IacRule } from '../rule.js';

const HADOLINT = 'https://github.com/hadolint/hadolint/wiki/';

/** The Dockerfile rules, each with the hadolint (or BuildKit check) id that `# hadolint ignore=` names. */
export const DOCKERFILE_RULES = {
  untaggedBase: {
    id: 'dockerfile/untagged-base',
    title: 'Base image has no tag',
    severity: 'medium',
    help: 'Pin the base image to a version tag or a digest (FROM image:1.2 or image@sha256:...).',
    helpUri: `${HADOLINT}DL3006`,
    hadolint: 'DL3006',
  },
  latestBase: {
    id: 'dockerfile/latest-base',
    title: 'Base image uses the latest tag',
    severity: 'medium',
    help: 'Pin the base image to a release tag or a digest instead of latest.',
    helpUri: `${HADOLINT}DL3007`,
    hadolint: 'DL3007',
  },
  rootUser: {
    id: 'dockerfile/root-user',
    title: 'Image runs as root',
    severity: 'medium',
    help: 'End the final stage with USER and a non-root user (a name or a non-zero uid).',
    helpUri: `${HADOLINT}DL3002`,
    hadolint: 'DL3002',
  },
  addLocal: {
    id: 'dockerfile/add-local-files',
    title: 'ADD used for local files',
    severity: 'low',
    help: 'Use COPY for files and folders; ADD is for URLs and archives that should be extracted.',
    helpUri: `${HADOLINT}DL3020`,
    hadolint: 'DL3020',
  },
  aptRecommends: {
    id: 'dockerfile/apt-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    severity: 'low',
    help: 'Add --no-install-recommends so apt installs only what was asked for.',
    helpUri: `${HADOLINT}DL3015`,
    hadolint: 'DL3015',
  },
  aptLists: {
    id: 'dockerfile/apt-lists-not-removed',
    title: 'apt lists not removed in the same RUN',
    severity: 'low',
    help: 'End the RUN that runs apt-get update with rm -rf /var/lib/apt/lists/* (or use a cache mount).',
    helpUri: `${HADOLINT}DL3009`,
    hadolint: 'DL3009',
  },
  cdInRun: {
    id: 'dockerfile/cd-instead-of-workdir',
    title: 'cd used instead of WORKDIR',
    severity: 'low',
    help: 'Use WORKDIR to change directory; a cd lasts only until the end of its RUN.',
    helpUri: `${HADOLINT}DL3003`,
    hadolint: 'DL3003',
  },
  secretInArgEnv: {
    id: 'dockerfile/secret-in-arg-env',
    title: 'Secret in ARG or ENV',
    severity: 'high',
    help: 'Pass secrets with RUN --mount=type=secret (docker build --secret); ARG and ENV values stay in the image and its history.',
    helpUri: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    hadolint: 'SecretsUsedInArgOrEnv',
  },
  noHealthcheck: {
    id: 'dockerfile/missing-healthcheck',
    title: 'No HEALTHCHECK',
    severity: 'info',
    help: 'Add a HEALTHCHECK so Docker (and Compose) can tell a running container from a working one.',
    helpUri: 'https://docs.docker.com/reference/dockerfile/#healthcheck',
  },
} as const satisfies Record<string, IacRule>;
