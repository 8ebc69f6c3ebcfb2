/**
 * Toolchain versions the repository declares (`.nvmrc`, `.node-version`, `engines.node`, `rust-toolchain`,
 * go.mod's `go` line, `.python-version`) against what the runner has. A tool the repository needs that is not on
 * PATH is high; a version that differs is medium (setup actions or rustup and GOTOOLCHAIN may still fix it).
 */
import { parse as parseToml } from 'smol-toml';
import type { Finding } from '@shipgate/findings';
import type { CheckScope, ToolVersions } from '../check.js';
import { findingOf } from '../finding-of.js';
import { isRecord } from './npm-lockfiles.js';
import { positionOf } from './text-position.js';
import { parseVersion, satisfies } from './version-range.js';

const CATEGORY = 'dependencies';

/** A version the repository asks for, and where. */
interface Declaration {
  tool: Parameters<ToolVersions['version']>[0];
  /** As written (`20`, `>=18 <21`, `1.75.0`). */
  wanted: string;
  /** `range`: any version in it will do; `minimum`: at least this (go); `same-minor`/`same-major` as stated. */
  match: 'range' | 'minimum' | 'prefix';
  file: string;
  line: number;
  column: number;
}

function declarations(scope: CheckScope): Declaration[] {
  const found: Declaration[] = [];
  for (const file of scope.files.list) {
    const name = file.split('/').pop() ?? file;
    const read = () => scope.files.read(file) ?? '';
    if (name === '.nvmrc' || name === '.node-version') {
      const wanted = read().split(/\r?\n/)[0]?.trim() ?? '';
      if (/^v?\d+(\.\d+){0,2}$/.test(wanted))
        found.push({ tool: 'node', wanted: wanted.replace(/^v/, ''), match: 'prefix', file, line: 1, column: 1 });
    } else if (name === 'package.json') {
      const text = read();
      const engines = tryJson(text)?.engines;
      const node = isRecord(engines) ? engines.node : undefined;
      if (typeof node === 'string')
        found.push({ tool: 'node', wanted: node, match: 'range', file, ...positionOf(text, '"node"', '"engines"') });
    } else if (name === 'rust-toolchain' || name === 'rust-toolchain.toml') {
      const text = read();
      let channel: unknown = text.trim();
      if (name.endsWith('.toml') || text.includes('[toolchain]')) {
        try {
          const toolchain = parseToml(text).toolchain;
          channel = isRecord(toolchain) ? toolchain.channel : undefined;
        } catch {
          channel = undefined;
        }
      }
      if (typeof channel === 'string' && /^\d+\.\d+(\.\d+)?$/.test(channel))
        found.push({ tool: 'rustc', wanted: channel, match: 'prefix', file, ...positionOf(text, channel) });
    } else if (name === 'go.mod') {
      const text = read();
      const go = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text);
      if (go?.[1]) found.push({ tool: 'go', wanted: go[1], match: 'minimum', file, ...positionOf(text, go[0]) });
    } else if (name === '.python-version') {
      const wanted = read().split(/\r?\n/)[0]?.trim() ?? '';
      if (/^\d+\.\d+(\.\d+)?$/.test(wanted))
        found.push({ tool: 'python', wanted, match: 'prefix', file, line: 1, column: 1 });
    }
  }
  return found;
}

const COMMAND: Readonly<Record<Declaration['tool'], string>> = {
  node: 'node',
  rustc: 'rustc',
  go: 'go',
  python: 'python3',
};

/** Findings for the declared toolchains the runner does not have, or has in another version. */
export async function checkToolchains(scope: CheckScope): Promise<Finding[]> {
  const findings: Finding[] = [];
  const versions = new Map<string, Promise<string | undefined>>();
  for (const declared of declarations(scope)) {
    if (!versions.has(declared.tool)) versions.set(declared.tool, scope.tools.version(declared.tool));
    const have = await versions.get(declared.tool);
    const file = scope.files.shown(declared.file);
    const where = { file, line: declared.line, column: declared.column };
    if (have === undefined) {
      findings.push(
        findingOf({
          category: CATEGORY,
          ruleId: 'dependencies/toolchain-missing',
          title: 'Toolchain the repository needs is not on PATH',
          severity: 'high',
          message: `${file} asks for ${declared.tool} ${declared.wanted}, but ${COMMAND[declared.tool]} is not on the runner's PATH`,
          help: `Install it in the job before this step (actions/setup-node, dtolnay/rust-toolchain, actions/setup-go, actions/setup-python).`,
          identity: declared.tool,
          ...where,
        }),
      );
      continue;
    }
    if (fits(have, declared) !== false) continue;
    findings.push(
      findingOf({
        category: CATEGORY,
        ruleId: 'dependencies/toolchain-mismatch',
        title: 'Runner toolchain version differs from the declared one',
        severity: 'medium',
        message: `${file} asks for ${declared.tool} ${declared.wanted}, the runner has ${have}`,
        help: `Install the declared version in the job (the setup action's version file input), or update ${file}.`,
        identity: `${declared.tool} ${declared.wanted}`,
        ...where,
      }),
    );
  }
  return findings;
}

/** Whether the runner's version fits the declaration; `undefined` when that cannot be told. */
function fits(have: string, declared: Declaration): boolean | undefined {
  switch (declared.match) {
    case 'range':
      return satisfies(have, declared.wanted);
    case 'prefix': {
      const parts = declared.wanted.split('.');
      return have.split('.').slice(0, parts.length).join('.') === parts.join('.');
    }
    case 'minimum': {
      const a = parseVersion(have);
      const b = parseVersion(declared.wanted);
      if (!a || !b) return undefined;
      return a[0] - b[0] > 0 || (a[0] === b[0] && (a[1] - b[1] > 0 || (a[1] === b[1] && a[2] >= b[2])));
    }
    default:
      throw new Error(`Unknown version match ${String(declared.match)}: expected range, minimum or prefix`);
  }
}

function tryJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
