import { describe, expect, it } from 'vitest';
import {
  maskLog,
  parseFileCommands,
  parseWorkflowCommands,
  StepOutputReader,
  toAnnotations,
  type StepLine,
} from './protocol.js';

describe('parseFileCommands', () => {
  it('reads the name=value and heredoc forms, later entries winning', () => {
    const text = 'a=1\nb<<EOF_X\nline 1\nline 2\nEOF_X\nc=x=y\na=2\n';
    expect(parseFileCommands(text)).toEqual({ a: '2', b: 'line 1\nline 2', c: 'x=y' });
  });
  it('rejects an unterminated heredoc and a line without a name', () => {
    expect(() => parseFileCommands('b<<EOF\nno end\n')).toThrow(/Unterminated heredoc/);
    expect(() => parseFileCommands('=oops\n')).toThrow(/Invalid file command/);
  });
});

describe('parseWorkflowCommands / toAnnotations', () => {
  it('unescapes data and properties', () => {
    const commands = parseWorkflowCommands(
      'plain line\n::warning file=a%2Cb.ts,line=3,col=4,title=T%3A1::50%25%0Anext\n::debug::x\n',
    );
    expect(commands).toHaveLength(2);
    expect(toAnnotations(commands)).toEqual([
      { level: 'warning', message: '50%\nnext', file: 'a,b.ts', line: 3, col: 4, title: 'T:1' },
    ]);
  });
});

describe('maskLog', () => {
  it('masks values from the line after ::add-mask:: on, as the runner does', () => {
    const { log, masked } = maskLog('early hunter2\n::add-mask::hunter2\nlate hunter2\n');
    expect(masked).toEqual(['hunter2']);
    expect(log).toBe('early hunter2\nlate ***\n');
  });
});

describe('StepOutputReader', () => {
  it('reads lines across chunks, parses commands, and masks later lines and command data', () => {
    const lines: StepLine[] = [];
    const reader = new StepOutputReader([], (line) => lines.push(line));
    reader.write('early s3cret\n::add-mask::s3');
    reader.write('cret\n::error file=a.ts,title=s3cret%3A::bad s3cret\r\nlate s3cret');
    reader.end();
    expect(lines).toEqual([
      { kind: 'text', text: 'early s3cret' },
      { kind: 'command', command: { command: 'add-mask', properties: {}, data: 's3cret' } },
      { kind: 'command', command: { command: 'error', properties: { file: 'a.ts', title: '***:' }, data: 'bad ***' } },
      { kind: 'text', text: 'late ***' },
    ]);
  });

  it('shares masks between streams and starts from the job secrets', () => {
    const masks = ['job-token'];
    const out: string[] = [];
    const stdout = new StepOutputReader(masks, (line) => line.kind === 'text' && out.push(line.text));
    const stderr = new StepOutputReader(masks, (line) => line.kind === 'text' && out.push(line.text));
    stdout.write('::add-mask::abc\n');
    stderr.write('abc job-token\n');
    expect(out).toEqual(['*** ***']);
  });
});

describe('maskLog with job secrets', () => {
  it('masks the job secrets from the first line', () => {
    expect(maskLog('tok early\n', ['tok']).log).toBe('*** early\n');
  });
});
