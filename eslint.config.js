// ESLint flat config. The boundary rules below keep the layering of DESIGN.md "Architecture": domain packages are
// pure (settings and ports in, results out; I/O lives in adapters and composition roots), packages meet only
// through their public entries, and fakes never reach production code. The rules live in scripts/lint-boundaries.js.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint-boundaries.js';

/** Domain packages: pure code, no runtime side effects. The one list: add a new domain package here. */
export const DOMAIN_PACKAGES = [
  'probes',
  'canary',
  'history',
  'policy',
  'findings',
  'secrets',
  'manifests',
  'dependencies',
  'workflows',
  'iac',
];

/** Test code, where fakes (`@shipgate/<name>/testing`, `src/testing/`) may be imported. */
export const TEST_CODE = ['**/*.test.ts', 'test/**', 'bench/**', 'packages/*/src/testing/**'];

const domainFiles = DOMAIN_PACKAGES.map((name) => `packages/${name}/src/**/*.ts`);
const domainTests = DOMAIN_PACKAGES.map((name) => `packages/${name}/src/**/*.test.ts`);

/**
 * What domain source may import: `@shipgate/core`, its own package's files, and the JSON Schemas under schema/
 * (data shipped for editors, which the probe-file parser validates against; no code).
 */
// core's pure entries: the package, its versions grammar, and its config parser (YAML with positions, pure).
const DOMAIN_IMPORTS = {
  // @shipgate/findings is itself pure: the finding model every scanner (secrets, manifests) produces.
  packages: ['@shipgate/core', '@shipgate/core/config', '@shipgate/core/versions', '@shipgate/findings'],
  repoPaths: ['^schema/[^/]+\\.schema\\.json$', '/generated/[^/]+\\.js$'],
};

/**
 * Parsing libraries a domain package needs beyond core, by package: manifests reads YAML with positions (`yaml`)
 * and, for files without findings, fast (`js-yaml`); workflows reads workflow files with GitHub's own parser (pure,
 * no I/O) on manifests' positioned YAML; iac checks the documents manifests parsed (its positions) and parses
 * Dockerfiles with `dockerfile-ast`.
 */
const DOMAIN_EXTRA_PACKAGES = {
  manifests: ['yaml', 'js-yaml'],
  workflows: [
    '@shipgate/manifests',
    '@actions/workflow-parser',
    '@actions/workflow-parser/actions/index',
    '@actions/workflow-parser/templates/template-validation-error',
    '@actions/expressions',
    '@actions/expressions/ast',
  ],
  iac: ['@shipgate/manifests', '@shipgate/secrets', 'dockerfile-ast'],
};

/**
 * Domain tests may also use vitest, the YAML and JSON Schema libraries as oracles (probe-schema.test.ts checks the
 * shipped schema with Ajv), and fixture files read as text (`?raw`, see probes' fixture-text.d.ts). Node built-ins
 * stay banned: a unit test of pure code needs no file, socket or process.
 */
const DOMAIN_TEST_IMPORTS = {
  packages: [...DOMAIN_IMPORTS.packages, 'vitest', 'yaml', 'ajv'],
  repoPaths: [...DOMAIN_IMPORTS.repoPaths, '^test/fixtures/'],
};

/** Globals that read the clock, wait, draw random numbers or reach the outside world. */
const IMPURE_GLOBALS = [
  ['performance', 'take a Clock (@shipgate/core) instead of reading performance.now().'],
  ['setTimeout', 'take a Clock (@shipgate/core) and call clock.sleep() instead of setting timers.'],
  ['setInterval', 'take a Clock (@shipgate/core) and call clock.sleep() instead of setting timers.'],
  ['setImmediate', 'take a Clock (@shipgate/core) and call clock.sleep() instead of setting timers.'],
  [
    'clearTimeout',
    'take a Clock (@shipgate/core) and pass an AbortSignal to clock.sleep() instead of clearing timers.',
  ],
  [
    'clearInterval',
    'take a Clock (@shipgate/core) and pass an AbortSignal to clock.sleep() instead of clearing timers.',
  ],
  [
    'clearImmediate',
    'take a Clock (@shipgate/core) and pass an AbortSignal to clock.sleep() instead of clearing timers.',
  ],
  ['process', 'take settings (parsed by the composition root) instead of reading process.'],
  ['fetch', 'take a port that an adapter implements instead of calling fetch.'],
  ['crypto', 'take randomness or ids as an injected function instead of using crypto.'],
];

/** Domain purity beyond imports: no clock, timers, randomness, process or network through globals. */
export const domainPurityRules = {
  'no-restricted-globals': [
    'error',
    ...IMPURE_GLOBALS.map(([name, hint]) => ({ name, message: `Domain packages are pure: ${hint}` })),
  ],
  'no-restricted-properties': [
    'error',
    {
      object: 'Date',
      property: 'now',
      message: 'Domain packages are pure: take a Clock (@shipgate/core) and call clock.now().',
    },
    {
      object: 'Math',
      property: 'random',
      message: 'Domain packages are pure: take a random source as a parameter (seeded in tests).',
    },
    ...['globalThis', 'global'].flatMap((object) =>
      IMPURE_GLOBALS.map(([property, hint]) => ({ object, property, message: `Domain packages are pure: ${hint}` })),
    ),
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message:
        'Domain packages are pure: new Date() reads the clock; take a Clock (@shipgate/core): new Date(clock.now()).',
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: 'Domain packages are pure: Date() reads the clock; take a Clock (@shipgate/core).',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      'node_modules/**',
      '**/dist/**',
      'coverage/**',
      '**/src/generated/**',
      // Sample repositories with planted defects (their own sources and configs), read as data by a test.
      'test/fixtures/error-detection/quality/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { shipgate: boundaries },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Everywhere (packages, actions, cli, test, bench): other packages only through @shipgate/<name>[/testing].
      'shipgate/import-boundaries': 'error',
      'shipgate/no-fakes-in-production': 'error',
    },
  },
  // Fakes are for tests, benchmarks and other fakes.
  { files: TEST_CODE, rules: { 'shipgate/no-fakes-in-production': 'off' } },
  // src/testing/ gets no exemption from purity: fakes are in-memory, and tests of pure code rely on them being pure.
  {
    files: domainFiles,
    ignores: ['**/*.test.ts'],
    rules: { ...domainPurityRules, 'shipgate/domain-imports': ['error', DOMAIN_IMPORTS] },
  },
  // The secret engine imports `.gitleaks.toml` files: their TOML is read by smol-toml (pure, no I/O).
  {
    files: ['packages/secrets/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'shipgate/domain-imports': ['error', { ...DOMAIN_IMPORTS, packages: [...DOMAIN_IMPORTS.packages, 'smol-toml'] }],
    },
  },
  // Tests keep the purity bans: timing is tested with an injected clock, never the real one (DESIGN.md "Testing").
  { files: domainTests, rules: { ...domainPurityRules, 'shipgate/domain-imports': ['error', DOMAIN_TEST_IMPORTS] } },
  ...Object.entries(DOMAIN_EXTRA_PACKAGES).flatMap(([name, extra]) => [
    {
      files: [`packages/${name}/src/**/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: {
        'shipgate/domain-imports': ['error', { ...DOMAIN_IMPORTS, packages: [...DOMAIN_IMPORTS.packages, ...extra] }],
      },
    },
    {
      files: [`packages/${name}/src/**/*.test.ts`],
      rules: {
        'shipgate/domain-imports': [
          'error',
          { ...DOMAIN_TEST_IMPORTS, packages: [...DOMAIN_TEST_IMPORTS.packages, ...extra] },
        ],
      },
    },
  ]),
  // The runner protocol has one home (STYLE.md "Our layering"): only the kit talks to @actions/core. The
  // startup benchmark's trivial action uses it bare: it is the baseline the kit is measured against.
  {
    ignores: ['packages/kit/src/**', 'bench/startup/trivial-action/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@actions/core', message: 'Only packages/kit talks to the runner: use its ActionsCore port.' },
          ],
        },
      ],
    },
  },
);
