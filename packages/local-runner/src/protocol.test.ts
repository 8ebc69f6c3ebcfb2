import { describe, expect, it } from 'vitest';
import { maskLog, parseFileCommands, parseWorkflowCommands, toAnnotations } from './protocol.js';

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
    const commands = parseWorkflowCommands('plain line\n::warning file=a%2Cb.ts,line=3,col=4,title=T%3A1::50%25%0Anext\n::debug::x\n');
    expect(commands).toHaveLength(2);
    expect(toAnnotations(commands)).toEqual([{ level: 'warning', message: '50%\nnext', file: 'a,b.ts', line: 3, col: 4, title: 'T:1' }]);
  });
});

describe('maskLog', () => {
  it('masks values from the line after ::add-mask:: on, as the runner does', () => {
    const { log, masked } = maskLog('early hunter2\n::add-mask::hunter2\nlate hunter2\n');
    expect(masked).toEqual(['hunter2']);
    expect(log).toBe('early hunter2\nlate ***\n');
  });
});
