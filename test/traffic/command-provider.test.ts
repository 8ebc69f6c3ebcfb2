import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCommandLine } from '@shipgate/core';
import { FakeShell } from '@shipgate/exec/testing';
import { quoteArgv } from '@shipgate/exec';
import { InputError } from '@shipgate/core';
import { CommandTrafficProvider } from '@shipgate/traffic';
import { TrafficError } from '@shipgate/traffic';
import { createTempDir } from '../support/services/index.js';
import { SHELLS } from './rollout-harness.js';

const RECORD = join(import.meta.dirname, 'fixtures', 'record-argv.mjs');

function workspace(): { log: string; pwned: string; calls: () => string[][] } {
  const dir = createTempDir('command-provider');
  onTestFinished(() => dir.remove());
  const log = dir.join('calls.jsonl');
  return {
    log,
    pwned: dir.join('pwned'),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}

describe.each(SHELLS)('CommandTrafficProvider (%s shell)', (_name, openShell) => {
  it('passes templated values as whole arguments, so none can inject anything', async () => {
    const ws = workspace();
    const shell = await openShell();
    const evil = `v1 "it's" ;rm -rf ${ws.log} $(touch ${ws.pwned}) \`touch ${ws.pwned}\` | tee ${ws.pwned} && touch ${ws.pwned} > ${ws.pwned}`;
    // As a user writes it in the workflow, then parsed the way the action parses inputs.
    const line = `${quoteArgv([process.execPath, RECORD, ws.log])} --weight={weight} "{version}" 'stage {stage}' {stable-weight}`;
    const provider = new CommandTrafficProvider({
      shell,
      setWeightCommand: parseCommandLine(line, 'set-weight-command'),
    });
    await provider.setWeight(25, { version: evil, stage: 3 });
    await provider.promote({ version: evil, stage: 0 });
    await provider.abort({ version: 'v1', stage: 0 });
    expect(ws.calls()).toEqual([
      ['--weight=25', evil, 'stage 3', '75'],
      ['--weight=100', evil, 'stage 0', '0'],
      ['--weight=0', 'v1', 'stage 0', '100'],
    ]);
    expect(existsSync(ws.pwned)).toBe(false);
  });

  it('runs promote-command and abort-command when given', async () => {
    const ws = workspace();
    const record = [process.execPath, RECORD, ws.log];
    const provider = new CommandTrafficProvider({
      shell: await openShell(),
      setWeightCommand: [...record, 'weight', '{weight}'],
      promoteCommand: [...record, 'promote', '{version}'],
      abortCommand: [...record, 'abort', '{version}', '{weight}'],
    });
    await provider.setWeight(5, { version: 'v2', stage: 1 });
    await provider.promote({ version: 'v2', stage: 0 });
    await provider.abort({ version: 'v2', stage: 0 });
    expect(ws.calls()).toEqual([
      ['weight', '5'],
      ['promote', 'v2'],
      ['abort', 'v2', '0'],
    ]);
  });

  it("fails with the command's stderr when it exits non-zero", async () => {
    const ws = workspace();
    const provider = new CommandTrafficProvider({
      shell: await openShell(),
      setWeightCommand: [process.execPath, RECORD, ws.log, '--fail', '{weight}'],
    });
    const error = await provider.setWeight(50, { version: 'v2', stage: 4 }).then(
      () => undefined,
      (e: unknown) => e as TrafficError,
    );
    expect(error).toBeInstanceOf(TrafficError);
    expect(error?.message).toMatch(
      /^set-weight-command exited with code 3 moving the canary to 50%: .*record-argv\.mjs .* --fail 50\nload balancer said no: weight out of range$/,
    );
    expect(error?.output).toBe('load balancer said no: weight out of range');
    expect(error?.weight).toBe(50);
  });
});

describe('CommandTrafficProvider settings', () => {
  it('refuses an empty command before running anything', () => {
    const shell = new FakeShell();
    expect(() => new CommandTrafficProvider({ shell, setWeightCommand: [] })).toThrow(InputError);
    expect(() => new CommandTrafficProvider({ shell, setWeightCommand: ['x'], abortCommand: [] })).toThrow(
      /Input 'abort-command' is required/,
    );
    expect(shell.calls).toEqual([]);
  });

  it('refuses weights outside 0 to 100 without running the command', async () => {
    const shell = new FakeShell();
    const provider = new CommandTrafficProvider({ shell, setWeightCommand: ['set', '{weight}'] });
    await expect(provider.setWeight(101, { version: 'v', stage: 1 })).rejects.toThrow(TrafficError);
    expect(shell.calls).toEqual([]);
    expect(provider.describe()).toBe("commands (set-weight-command: set '{weight}') on a fake host");
  });
});
