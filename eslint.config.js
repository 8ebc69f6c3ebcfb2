// ESLint flat config. The domain rule below is how we keep domain packages pure (STYLE.md "Our layering"):
// they take settings and ports and return results; I/O lives in adapters and composition roots.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Domain packages: pure code, no runtime side effects. */
export const DOMAIN_PACKAGES = ['probes', 'canary', 'history', 'policy'];

const domainFiles = DOMAIN_PACKAGES.map((name) => `packages/${name}/src/**/*.ts`);

export const domainPurityRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        ...['fs', 'fs/promises', 'child_process', 'http', 'https', 'net', 'tls', 'dns', 'process'].flatMap((m) => [
          { name: m, message: `Domain packages are pure: put ${m} behind a port in an adapter package.` },
          { name: `node:${m}`, message: `Domain packages are pure: put ${m} behind a port in an adapter package.` },
        ]),
      ],
      patterns: [
        { group: ['@actions/*'], message: 'Domain packages are pure: @actions/* belongs in packages/kit or a composition root.' },
        // The kit's pure modules (errors, durations, the YAML + JSON Schema config parser) are allowed; its runtime is not.
        {
          group: ['**/kit/src/*', '!**/kit/src/errors.js', '!**/kit/src/duration.js', '!**/kit/src/config.js', '**/github/src/*', '**/net/src/*'],
          message: 'Domain packages must not depend on the runtime or adapters.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'Domain packages are pure: take an HTTP port instead of calling fetch.' },
    { name: 'process', message: 'Domain packages are pure: take settings instead of reading process.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'globalThis', property: 'fetch', message: 'Domain packages are pure: take an HTTP port.' },
    { object: 'globalThis', property: 'process', message: 'Domain packages are pure: take settings.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', '**/dist/**', 'coverage/**', '**/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly',
        fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', structuredClone: 'readonly', performance: 'readonly', setImmediate: 'readonly',
        queueMicrotask: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // The runner protocol has one home (STYLE.md "Our layering"): only the kit talks to @actions/core. The
  // startup benchmark's trivial action uses it bare: it is the baseline the kit is measured against.
  {
    ignores: ['packages/kit/src/**', 'bench/startup/trivial-action/src/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@actions/core', message: 'Only packages/kit talks to the runner: use its ActionsCore port.' }] }],
    },
  },
  { files: domainFiles, rules: domainPurityRules },
);
