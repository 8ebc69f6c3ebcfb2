import { describe, expect, it } from 'vitest';
import { neutraliseCommands } from './workflow-commands.js';

describe('neutraliseCommands', () => {
  it('makes lines that the runner would read as commands plain, with one backslash', () => {
    expect(neutraliseCommands('::error::x')).toBe('\\::error::x');
    expect(neutraliseCommands('::add-mask::x')).toBe('\\::add-mask::x');
    expect(neutraliseCommands('::stop-commands::tok')).toBe('\\::stop-commands::tok');
    expect(neutraliseCommands('::error file=a.ts,line=1::x')).toBe('\\::error file=a.ts,line=1::x');
    expect(neutraliseCommands('##[error]x')).toBe('##\\[error]x');
  });

  it('sees commands behind leading whitespace, as the runner trims it', () => {
    expect(neutraliseCommands('  ::error::x')).toBe('  \\::error::x');
    expect(neutraliseCommands('\t::warning::x')).toBe('\t\\::warning::x');
    expect(neutraliseCommands('\u00a0\u2003::debug::x')).toBe('\u00a0\u2003\\::debug::x');
    expect(neutraliseCommands(' \t##[error]x')).toBe(' \t##\\[error]x');
  });

  it('finds the legacy form anywhere in a line, and every occurrence', () => {
    expect(neutraliseCommands('reply: ##[set-output name=a]b')).toBe('reply: ##\\[set-output name=a]b');
    expect(neutraliseCommands('##[x ##[error]y')).toBe('##\\[x ##\\[error]y');
  });

  it('checks every line of a message, whatever ends it', () => {
    expect(neutraliseCommands('deployed 1.2.3\n::error::x')).toBe('deployed 1.2.3\n\\::error::x');
    expect(neutraliseCommands('a\r\n::add-mask::x\r##[error]y\n ok')).toBe('a\r\n\\::add-mask::x\r##\\[error]y\n ok');
  });

  it('leaves text that is not a command unchanged', () => {
    for (const text of [
      '',
      'plain',
      'a::b::c',
      '::only-one',
      ':::',
      'https://x::y',
      '##[ no bracket',
      'C# ## [x]',
      'x\n::\n',
    ]) {
      expect(neutraliseCommands(text)).toBe(text);
    }
  });
});
