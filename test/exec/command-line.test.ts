import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { parseCommandLine, placeholdersIn, renderArgv } from '@shipgate/core';
import { quoteArgv } from '@shipgate/exec';
import { LocalShell } from '@shipgate/exec';

describe('parseCommandLine', () => {
  it('splits on blanks and keeps quoted text as one word', () => {
    expect(parseCommandLine('nginx -s reload')).toEqual(['nginx', '-s', 'reload']);
    expect(parseCommandLine(`  deploy.sh  'a b'  "c d"  e\\ f\t\n`)).toEqual(['deploy.sh', 'a b', 'c d', 'e f']);
    expect(parseCommandLine(`x 'it''s' "say \\"hi\\"" 'back\\slash' "keep \\n"`)).toEqual([
      'x',
      'its',
      'say "hi"',
      'back\\slash',
      'keep \\n',
    ]);
    expect(parseCommandLine(`x '' ""`)).toEqual(['x', '', '']);
    expect(parseCommandLine(`x pre'mid'"post"`)).toEqual(['x', 'premidpost']);
  });

  it('keeps shell syntax literal inside single quotes, and $ escaped in double quotes', () => {
    expect(parseCommandLine(`sh -c 'echo $HOME | wc; rm -rf /' "\\$PATH"`)).toEqual([
      'sh',
      '-c',
      'echo $HOME | wc; rm -rf /',
      '$PATH',
    ]);
    expect(parseCommandLine(`curl -d '{"weight": {weight}}' https://x/api?w={weight}`)).toEqual([
      'curl',
      '-d',
      '{"weight": {weight}}',
      'https://x/api?w={weight}',
    ]);
  });

  it('joins lines continued with a backslash', () => {
    expect(parseCommandLine('kubectl patch \\\n  svc app')).toEqual(['kubectl', 'patch', 'svc', 'app']);
  });

  it.each([
    ['nginx -t | tee log', "'|' at column 10 is a pipe"],
    ['a; b', "';' at column 2 is a command separator"],
    ['a && b', "'&' at column 3"],
    ['nginx -t > out', "'>' at column 10 is a redirection"],
    ['echo $HOME', "'$' at column 6 is a variable or command expansion"],
    ['echo "${HOME}"', 'variable or command expansion'],
    ['echo $(id)', 'variable or command expansion'],
    ['echo `id`', 'command substitution'],
    ['echo "`id`"', 'command substitution'],
    ['(cd /x)', 'a subshell'],
    ['~/deploy.sh', 'home directory'],
    ['deploy # comment', 'comment'],
  ])('refuses %j, which needs a shell', (text, problem) => {
    const error = catchError(() => parseCommandLine(text, 'set-weight-command'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`Input 'set-weight-command' has an invalid value ${JSON.stringify(text)}`);
    expect(error.message).toContain(problem);
    expect((error as InputError).hint).toMatch(/script/);
  });

  it('refuses empty commands, unbalanced quotes and a trailing backslash', () => {
    expect(() => parseCommandLine('   ', 'nginx-test-command')).toThrow(/Input 'nginx-test-command' is required/);
    expect(() => parseCommandLine(`echo 'oops`)).toThrow(/the ' at column 6 is never closed/);
    expect(() => parseCommandLine(`echo "oops`)).toThrow(/the " at column 6 is never closed/);
    expect(() => parseCommandLine(`echo \\`)).toThrow(/lone backslash/);
  });

  it('leaves a $ that starts no expansion, and globs, as they are', () => {
    expect(parseCommandLine('echo 5$ a*b ?')).toEqual(['echo', '5$', 'a*b', '?']);
  });

  it('round-trips through quoteArgv', () => {
    const argv = ['a b', `it's`, '$HOME', '"q"', 'x;y', '', 'back\\slash', 'new\nline'];
    expect(parseCommandLine(quoteArgv(['cmd', ...argv]))).toEqual(['cmd', ...argv]);
  });
});

describe('renderArgv', () => {
  it('substitutes placeholders inside elements, one element each', () => {
    expect(
      renderArgv(['set', '--weight={weight}', '{version}', 'stage-{stage}'], {
        weight: '25',
        version: 'v 2',
        stage: '3',
      }),
    ).toEqual(['set', '--weight=25', 'v 2', 'stage-3']);
  });

  it('never lets a value add arguments, expand, or be substituted again', () => {
    const evil = `x'; rm -rf / #" $(touch /tmp/pwned) {stage}`;
    expect(renderArgv(['echo', '{version}'], { version: evil, stage: '1' })).toEqual(['echo', evil]);
  });

  it('leaves braces without a value alone', () => {
    expect(renderArgv(['kubectl', `jsonpath={range .items[*]}{.name}{end}`, '{unknown}'], { weight: '5' })).toEqual([
      'kubectl',
      'jsonpath={range .items[*]}{.name}{end}',
      '{unknown}',
    ]);
  });

  it('runs with the exact argv when executed', async () => {
    const values = { version: `v1 "quoted" 'single' ;rm -rf /tmp/x && $(id) \`id\``, weight: '25', stage: '2' };
    const argv = renderArgv(
      [process.execPath, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '{version}', 'w={weight}'],
      values,
    );
    const result = await new LocalShell().run(argv);
    expect(JSON.parse(result.stdout)).toEqual([values.version, 'w=25']);
  });
});

describe('placeholdersIn', () => {
  it('lists the distinct names used', () => {
    expect(placeholdersIn(['a', '{weight}', '{version}-{weight}', '{"json": 1}'])).toEqual(['weight', 'version']);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
