import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/run-action.js';

// The test-only action under test/fixtures/echo-action exercises every kit writer; these tests run its
// committed ncc bundle on Node 24 exactly as the runner would, so they prove the harness and the kit together.
const ECHO = 'test/fixtures/echo-action';
const TOKEN = 'ghp_PlantedSecretValue1234567890abcdef';

describe('runAction (harness) with the echo fixture', () => {
  it('passes inputs, applies action.yml defaults, and reads outputs in both forms on Node 24', async () => {
    const run = await runAction(ECHO, { message: 'hello', flag: 'True', wait: '1m30s' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['node-version']).toMatch(/^v24\./);
    expect(run.outputs.message).toBe('hello');
    expect(run.outputs.multiline).toBe('first line\nsecond line: hello');
    expect(run.outputs.plain).toBe('written-by-shell');
    expect(run.outputs.count).toBe('1'); // the default from action.yml, set by the runner
    expect(run.outputs.flag).toBe('true');
    expect(run.outputs['wait-ms']).toBe('90000');
    expect(run.summary).toContain('## Echo fixture');
    expect(run.summary).toContain('| message | hello |');
  });

  it('fails a bad input with one clear message naming the input, the value and what is allowed, and no stack', async () => {
    const run = await runAction(ECHO, { message: 'x', count: '101' });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual([
      { level: 'error', message: 'Input \'count\' has an invalid value "101": expected a whole number from 0 to 100.' },
    ]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('masks a planted secret everywhere: log, outputs, summary, annotations, report', async () => {
    const run = await runAction(ECHO, { message: 'm', token: TOKEN, annotations: '3' });
    expect(run.exitCode).toBe(0);
    expect(run.masked).toContain(TOKEN);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    const report = readFileSync(run.outputs.report ?? '', 'utf8');
    expect(JSON.parse(report)).toMatchObject({
      schema: 'shipgate/echo-fixture/v1',
      data: { message: 'm', token: '***' },
    });
    for (const text of [
      run.log,
      run.stderr,
      JSON.stringify(run.outputs),
      run.summary,
      JSON.stringify(run.annotations),
      report,
    ]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(run.outputs['token-echo']).toBe('token is ***');
  });

  it('shows the ten most important annotations inline and lists the rest in the summary', async () => {
    const run = await runAction(ECHO, { message: 'm', annotations: '14' });
    expect(run.annotations).toHaveLength(10);
    expect(run.annotations.slice(0, 7).every((a) => a.level === 'error')).toBe(true);
    expect(run.annotations[0]).toEqual({
      level: 'error',
      message: 'finding 1',
      title: 'rule-1',
      file: 'src/app.ts',
      line: 1,
      col: 2,
    });
    expect(run.summary).toContain('4 more findings not shown as annotations');
    expect(run.summary).toContain('src/app.ts:14:2');
  });

  it('saves state for the post step, which runs with it', async () => {
    const run = await runAction(ECHO, { message: 'state-value' });
    expect(run.state).toEqual({ marker: 'state-value' });
    const post = await run.runPost();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('post step saw state: state-value');
    expect(post.summary).toContain('state: state-value');
  });

  it('reports an expected failure, an error with its hint, and an unexpected crash, each without a stack', async () => {
    const failure = await runAction(ECHO, { message: 'm', outcome: 'failure' });
    expect(failure.exitCode).toBe(1);
    expect(failure.annotations.at(-1)?.message).toBe('expected failure for m');

    const error = await runAction(ECHO, { message: 'm', outcome: 'error', token: TOKEN });
    expect(error.annotations.at(-1)?.message).toBe('planned error with ***\nThis is the hint.');
    expect(error.summary).toContain('Echo fixture'); // what was collected before the error is still written

    const crash = await runAction(ECHO, { message: 'm', outcome: 'crash' });
    expect(crash.exitCode).toBe(1);
    expect(crash.annotations.at(-1)?.message).toMatch(/^Unexpected error: planned crash\. Re-run with debug logging/);
    expect(crash.stdout + crash.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the stack at debug level only', async () => {
    const crash = await runAction(ECHO, { message: 'm', outcome: 'crash' }, { env: { RUNNER_DEBUG: '1' } });
    const debug = crash.commands
      .filter((c) => c.command === 'debug')
      .map((c) => c.data)
      .join('\n');
    expect(debug).toContain('TypeError: planned crash');
  });
});

describe('runAction (harness): the job', () => {
  const CONTEXT = 'test/fixtures/context-action';

  it("evaluates ${{ github.token }} to the job's token, masked in the log, and to an empty string without one", async () => {
    const withToken = await runAction(CONTEXT, {}, { token: TOKEN });
    expect(withToken.outputs.token).toBe(TOKEN);
    expect(withToken.log).toContain('job token seen in the log: ***');
    expect(withToken.log).not.toContain(TOKEN);
    const without = await runAction(CONTEXT);
    expect(without.outputs.token).toBe('');
  });

  it('passes the repository the GitHub emulator serves', async () => {
    expect((await runAction(CONTEXT)).outputs.repository).toBe('octo-org/octo-repo');
  });
});
