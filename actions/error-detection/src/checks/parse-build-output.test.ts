import { describe, expect, it } from 'vitest';
import { parseBuildOutput } from './parse-build-output.js';

describe('parseBuildOutput', () => {
  it('reads tsc in its plain and pretty formats', () => {
    const output = [
      "src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "\u001b[96msrc/b.ts\u001b[0m:\u001b[93m10\u001b[0m:\u001b[93m2\u001b[0m - \u001b[91merror\u001b[0m\u001b[90m TS2304: \u001b[0mCannot find name 'x'.",
      'Found 2 errors.',
    ].join('\n');
    expect(parseBuildOutput(output)).toEqual([
      {
        tool: 'tsc',
        level: 'error',
        file: 'src/app.ts',
        line: 3,
        column: 7,
        message: "Type 'string' is not assignable to type 'number'.",
        code: 'TS2322',
      },
      {
        tool: 'tsc',
        level: 'error',
        file: 'src/b.ts',
        line: 10,
        column: 2,
        message: "Cannot find name 'x'.",
        code: 'TS2304',
      },
    ]);
  });

  it('reads eslint stylish and unix output', () => {
    const stylish = [
      '',
      '/work/repo/src/a.js',
      "  3:7   error    'unused' is assigned a value but never used  no-unused-vars",
      '  5:1   warning  Unexpected console statement                 no-console',
      '',
      '✖ 2 problems (1 error, 1 warning)',
    ].join('\n');
    expect(parseBuildOutput(stylish)).toEqual([
      {
        tool: 'eslint',
        level: 'error',
        file: '/work/repo/src/a.js',
        line: 3,
        column: 7,
        message: "'unused' is assigned a value but never used",
        code: 'no-unused-vars',
      },
      {
        tool: 'eslint',
        level: 'warning',
        file: '/work/repo/src/a.js',
        line: 5,
        column: 1,
        message: 'Unexpected console statement',
        code: 'no-console',
      },
    ]);
    const unix = "/work/repo/src/a.js:3:7: 'unused' is assigned a value but never used. [Error/no-unused-vars]";
    expect(parseBuildOutput(unix)).toEqual([
      {
        tool: 'eslint',
        level: 'error',
        file: '/work/repo/src/a.js',
        line: 3,
        column: 7,
        message: "'unused' is assigned a value but never used.",
        code: 'no-unused-vars',
      },
    ]);
  });

  it('reads cargo and go errors', () => {
    const cargo = [
      '   Compiling demo v0.1.0 (/work/demo)',
      'error[E0308]: mismatched types',
      ' --> src/main.rs:4:18',
      '  |',
      'warning: unused variable: `y`',
      '  --> src/lib.rs:2:9',
      'error: could not compile `demo` (bin "demo") due to 1 previous error',
    ].join('\n');
    expect(parseBuildOutput(cargo).map((d) => [d.tool, d.level, d.file, d.line, d.column, d.code])).toEqual([
      ['cargo', 'error', 'src/main.rs', 4, 18, 'E0308'],
      ['cargo', 'warning', 'src/lib.rs', 2, 9, undefined],
    ]);
    const go = '# example.com/demo\n./main.go:4:2: undefined: missing\nmain.go:7:10: x declared and not used';
    expect(parseBuildOutput(go).map((d) => [d.tool, d.file, d.line, d.column, d.message])).toEqual([
      ['go', './main.go', 4, 2, 'undefined: missing'],
      ['go', 'main.go', 7, 10, 'x declared and not used'],
    ]);
  });

  it('remembers which workspace npm ran the tool in, from its script header', () => {
    const output = [
      '> acme build',
      '> npm run build --workspaces',
      '',
      '> @acme/api@1.0.0 build',
      '> tsc -p tsconfig.json',
      '',
      "src/server.ts(2,9): error TS2322: Type 'string' is not assignable to type 'number'.",
    ].join('\n');
    expect(parseBuildOutput(output)).toMatchObject([{ tool: 'tsc', file: 'src/server.ts', workspace: '@acme/api' }]);
    expect(parseBuildOutput("a.ts(1,1): error TS1005: ';' expected.")[0]?.workspace).toBeUndefined();
  });
});
