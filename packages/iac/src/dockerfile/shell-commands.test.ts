import { describe, expect, it } from 'vitest';
import { shellCommands } from './shell-commands.js';

const words = (script: string) => shellCommands(script).map((c) => c.words.join(' '));

describe('shellCommands', () => {
  it('splits on operators and newlines, keeping quoted text in one word', () => {
    expect(words(`apt-get update && apt-get install -y "a b" || echo 'x; y' ; make | tee log`)).toEqual([
      'apt-get update',
      'apt-get install -y a b',
      'echo x; y',
      'make',
      'tee log',
    ]);
  });

  it('drops assignments, sudo and its flags, and reads through sh -c', () => {
    expect(words('DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y curl')).toEqual([
      'apt-get install -y curl',
    ]);
    expect(words(`bash -c "cd /src && make"`)).toEqual(['cd /src', 'make']);
  });

  it('marks commands inside parentheses as a subshell and skips comments and substitutions', () => {
    const commands = shellCommands('(cd /x && make) # cd /nowhere\necho $(cd /y; pwd)');
    expect(commands.map((c) => [c.words[0], c.subshell])).toEqual([
      ['cd', true],
      ['make', true],
      ['echo', false],
    ]);
  });
});
