// ESLint rules for package boundaries (DESIGN.md "Architecture", STYLE.md "Our layering"). They resolve
// relative specifiers against the importing file, which ESLint's own no-restricted-imports cannot do: it only
// sees the text "../x.js", not whether that path leaves the package. eslint.config.js says where each applies.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository-relative path of an absolute one, with forward slashes. */
function repoPath(absolute) {
  return relative(ROOT, absolute).split(sep).join('/');
}

/** `probes` for any path under `packages/probes/`; undefined outside `packages/`. */
function packageOf(path) {
  const [top, name] = path.split('/');
  return top === 'packages' && name ? name : undefined;
}

/** Where a relative specifier points, repository-relative, without a query such as Vite's `?raw`. */
function resolveRelative(filename, specifier) {
  return repoPath(resolve(dirname(filename), specifier.replace(/\?.*$/, '')));
}

const isRelative = (specifier) =>
  specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';

/**
 * Calls `check(node, specifier)` for every module specifier written as a string in the file: static imports and
 * re-exports (types included), dynamic `import()`, `import('x').T` types and `vi.mock('x')`.
 */
function eachSpecifier(check) {
  const literal = (node, source) => {
    if (source?.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportType: (node) => literal(node, node.source ?? node.argument?.literal),
    CallExpression: (node) => {
      const callee = node.callee;
      const isViModule =
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'vi' &&
        callee.property.type === 'Identifier' &&
        ['mock', 'doMock', 'unmock', 'doUnmock', 'importActual', 'importMock'].includes(callee.property.name);
      if (isViModule) literal(node, node.arguments[0]);
    },
  };
}

/** The entries a package publishes (`testing`, `inputs`, ...), from the exports map of its package.json. */
function publicEntries(name) {
  const manifest = join(ROOT, 'packages', name, 'package.json');
  if (!existsSync(manifest)) return [];
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports ?? {};
  return Object.keys(typeof exports === 'object' ? exports : {}).map((key) => key.replace(/^\.\/?/, ''));
}

/** Everywhere: another package is reached through its name and its public entries only. */
const importBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Import other packages as @shipgate/<name> or @shipgate/<name>/testing, never by path into their folder.',
    },
    schema: [],
    messages: {
      relative:
        "'{{specifier}}' reaches into packages/{{target}}: import '@shipgate/{{target}}' (only its entries are public).",
      deep: "'{{specifier}}' imports internals: use '@shipgate/{{target}}' or an entry of its exports map.",
    },
  },
  create(context) {
    const filename = context.physicalFilename;
    const own = packageOf(repoPath(filename));
    return eachSpecifier((node, specifier) => {
      if (isRelative(specifier)) {
        const target = packageOf(resolveRelative(filename, specifier));
        if (target && target !== own) context.report({ node, messageId: 'relative', data: { specifier, target } });
        return;
      }
      const deep = /^@shipgate\/([^/]+)\/(.+)$/.exec(specifier);
      if (deep && !publicEntries(deep[1]).includes(deep[2]))
        context.report({ node, messageId: 'deep', data: { specifier, target: deep[1] } });
    });
  },
};

/** Where it is switched on (production code), fakes must not be imported: they would end up in a bundle. */
const noFakesInProduction = {
  meta: {
    type: 'problem',
    docs: { description: 'Fakes (@shipgate/*/testing, packages/*/src/testing/) are for tests and benchmarks only.' },
    schema: [],
    messages: {
      fake: "'{{specifier}}' is a fake: only *.test.ts, test/, bench/ and src/testing/ may import it.",
    },
  },
  create(context) {
    const filename = context.physicalFilename;
    return eachSpecifier((node, specifier) => {
      const fake = isRelative(specifier)
        ? /^packages\/[^/]+\/src\/testing(\/|$)/.test(resolveRelative(filename, specifier))
        : /^@shipgate\/[^/]+\/testing(\/|$)/.test(specifier);
      if (fake) context.report({ node, messageId: 'fake', data: { specifier } });
    });
  },
};

/**
 * An allow-list for domain packages: bare specifiers listed in `packages`, relative paths inside the file's own
 * package, and repository files matching one of `repoPaths` (regular expressions on the repository-relative path).
 */
const domainImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Domain packages import only @shipgate/core and their own files (an allow-list).' },
    schema: [
      {
        type: 'object',
        properties: {
          packages: { type: 'array', items: { type: 'string' } },
          repoPaths: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      bare: "Domain packages are pure: '{{specifier}}' is not on their allow-list ({{allowed}}). Put I/O behind a port.",
      outside: "Domain packages are pure: '{{specifier}}' leaves packages/{{own}}. Use '@shipgate/core' or a port.",
    },
  },
  create(context) {
    const { packages = [], repoPaths = [] } = context.options[0] ?? {};
    const filename = context.physicalFilename;
    const own = packageOf(repoPath(filename));
    const allowedPaths = repoPaths.map((source) => new RegExp(source));
    return eachSpecifier((node, specifier) => {
      if (isRelative(specifier)) {
        const target = resolveRelative(filename, specifier);
        if (packageOf(target) === own || allowedPaths.some((re) => re.test(target))) return;
        context.report({ node, messageId: 'outside', data: { specifier, own } });
      } else if (!packages.includes(specifier)) {
        context.report({ node, messageId: 'bare', data: { specifier, allowed: packages.join(', ') } });
      }
    });
  },
};

export default {
  meta: { name: 'shipgate-boundaries' },
  rules: {
    'import-boundaries': importBoundaries,
    'no-fakes-in-production': noFakesInProduction,
    'domain-imports': domainImports,
  },
};
