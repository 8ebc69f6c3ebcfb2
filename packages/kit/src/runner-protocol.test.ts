import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActionsCore } from './runner-protocol.js';

/** What the protocol printed on stdout while `fn` ran. */
function printed(fn: () => void): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createActionsCore', () => {
  it('escapes workflow command data and properties as @actions/core does', () => {
    const core = createActionsCore();
    expect(
      printed(() => {
        core.annotate('error', '50% done\nnext', { file: 'a,b:c.ts', startLine: 2, title: 'T' });
        core.setSecret('s3cr3t%');
      }),
    ).toEqual(['::error title=T,file=a%2Cb%3Ac.ts,line=2::50%25 done%0Anext\n', '::add-mask::s3cr3t%25\n']);
  });

  it('reads inputs the way the runner names them', () => {
    vi.stubEnv('INPUT_MAX-ERROR-RATE', ' 2 ');
    vi.stubEnv('INPUT_WITH_SPACE', 'y');
    const core = createActionsCore();
    expect(core.getInput('max-error-rate')).toBe('2');
    expect(core.getInput('with space')).toBe('y');
  });

  it('never lets a logged line start a workflow command', () => {
    const core = createActionsCore();
    const out = printed(() => {
      core.info('version 1.2.3\n::add-mask::x');
      core.warning('::error::x');
      core.debug('  ##[error]x');
      core.annotate('notice', '::stop-commands::tok', { title: '::error::t' });
    });
    expect(out).toEqual([
      'version 1.2.3\n\\::add-mask::x\n',
      '::warning::\\::error::x\n',
      '::debug::  ##\\[error]x\n',
      '::notice title=\\%3A%3Aerror%3A%3At::\\::stop-commands::tok\n',
    ]);
  });
});
