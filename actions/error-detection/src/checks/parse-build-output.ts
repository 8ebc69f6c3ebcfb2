/**
 * Diagnostics from a build's output: tsc (plain and pretty), eslint (stylish and unix formats), cargo/rustc and
 * go (build, vet, test), each with its file, line and column. Pure: text in, diagnostics out; paths as the tool
 * printed them (the caller makes them repository-relative).
 */

export interface Diagnostic {
  tool: 'tsc' | 'eslint' | 'cargo' | 'go';
  level: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
  /** The tool's code or rule (`TS2322`, `no-unused-vars`, `E0308`), when it gives one. */
  code?: string;
  /**
   * The package whose script printed it, from the header npm prints before each workspace's script
   * (`> @acme/api@1.0.0 build`): its paths are relative to that package's directory.
   */
  workspace?: string;
}

/** npm's header before a script: `> name@version script` (`> name script` without a version). */
const NPM_SCRIPT_HEADER = /^> ((?:@[\w.-]+\/)?[\w.-]+)(?:@\S*)? [\w:.-]+$/;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

const TSC_PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const TSC_PRETTY = /^(.+?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/;
const ESLINT_UNIX = /^(.+?):(\d+):(\d+): (.*) \[(Error|Warning)(?:\/([^\]]+))?\]$/;
const ESLINT_STYLISH_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(\S+))?\s*$/;
const CARGO_HEAD = /^(error|warning)(?:\[(E\d+)\])?: (.*)$/;
const CARGO_AT = /^\s*--> (.+?):(\d+):(\d+)$/;
const GO_LINE = /^(\.{0,2}\/?[^\s:][^:]*\.go):(\d+):(\d+): (.*)$/;

/** Every diagnostic the output holds, in the order printed, duplicates (the same at the same place) once. */
export function parseBuildOutput(output: string): Diagnostic[] {
  const lines = output.replace(ANSI, '').split(/\r?\n/);
  const found: Diagnostic[] = [];
  let stylishFile: string | undefined;
  let cargoHead: { level: 'error' | 'warning'; code?: string; message: string } | undefined;
  let workspace: string | undefined;
  for (const line of lines) {
    const header = NPM_SCRIPT_HEADER.exec(line);
    if (header) {
      workspace = header[1];
      continue;
    }
    let match = TSC_PLAIN.exec(line) ?? TSC_PRETTY.exec(line);
    if (match) {
      found.push(inWorkspace(workspace, diagnostic('tsc', match[4], match[1], match[2], match[3], match[6], match[5])));
      continue;
    }
    match = ESLINT_UNIX.exec(line);
    if (match) {
      found.push(
        inWorkspace(
          workspace,
          diagnostic('eslint', match[5]?.toLowerCase(), match[1], match[2], match[3], match[4], match[6]),
        ),
      );
      continue;
    }
    match = CARGO_HEAD.exec(line);
    if (match) {
      // `error: could not compile` and `warning: 3 warnings emitted` have no location and end the block.
      cargoHead = {
        level: match[1] as 'error' | 'warning',
        ...(match[2] ? { code: match[2] } : {}),
        message: match[3] ?? '',
      };
      continue;
    }
    match = CARGO_AT.exec(line);
    if (match && cargoHead) {
      found.push(
        inWorkspace(
          workspace,
          diagnostic('cargo', cargoHead.level, match[1], match[2], match[3], cargoHead.message, cargoHead.code),
        ),
      );
      cargoHead = undefined;
      continue;
    }
    match = GO_LINE.exec(line);
    if (match) {
      found.push(inWorkspace(workspace, diagnostic('go', 'error', match[1], match[2], match[3], match[4])));
      continue;
    }
    match = ESLINT_STYLISH_ROW.exec(line);
    if (match && stylishFile) {
      found.push(
        inWorkspace(workspace, diagnostic('eslint', match[3], stylishFile, match[1], match[2], match[4], match[5])),
      );
      continue;
    }
    // stylish prints each file's path alone on a line, then its rows.
    if (/^\S.*\.[A-Za-z0-9]+$/.test(line) && !line.includes(' ')) stylishFile = line.trim();
    else if (line.trim() === '') stylishFile = stylishFile && undefined;
  }
  const seen = new Set<string>();
  return found.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    return !seen.has(key) && seen.add(key);
  });
}

function inWorkspace(workspace: string | undefined, d: Diagnostic): Diagnostic {
  return workspace === undefined ? d : { ...d, workspace };
}

function diagnostic(
  tool: Diagnostic['tool'],
  level: string | undefined,
  file: string | undefined,
  line: string | undefined,
  column: string | undefined,
  message: string | undefined,
  code?: string,
): Diagnostic {
  return {
    tool,
    level: level === 'warning' ? 'warning' : 'error',
    file: (file ?? '').trim(),
    line: Number(line),
    column: Number(column),
    message: (message ?? '').trim(),
    ...(code ? { code } : {}),
  };
}
