import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAND_INS } from './stand-ins.js';
import { resolveStepUses, resolveWorkflowUses, UnknownUsesError } from './uses-target.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const ownWorkflow = join(root, '.github', 'workflows', 'ci.yml');
const workspace = mkdtempSync(join(tmpdir(), 'uses-target-'));
const roots = { shipgateRoot: root, workspace, workflowFile: ownWorkflow, standIns: DEFAULT_STAND_INS };

describe('resolveStepUses', () => {
  it('finds our actions by $/ (the workflow file own repository), ./actions/<name> and owner/shipgate/...@ref', () => {
    const rollback = { kind: 'action', dir: join(root, 'actions', 'rollback') };
    expect(resolveStepUses('$/actions/rollback', roots)).toEqual(rollback);
    expect(resolveStepUses('./actions/rollback', roots)).toEqual(rollback);
    expect(resolveStepUses('OWNER/shipgate/actions/rollback@v1', roots)).toEqual(rollback);
  });

  it('gives stand-ins for the actions that are not ours, and refuses any other with the list', () => {
    expect(resolveStepUses('actions/checkout@v4', roots)).toMatchObject({ kind: 'stand-in' });
    expect(() => resolveStepUses('actions/setup-node@v4', roots)).toThrow(
      new UnknownUsesError(
        'actions/setup-node@v4',
        "not one of our actions and no stand-in for 'actions/setup-node' (stand-ins: actions/checkout, " +
          'github/codeql-action/upload-sarif, actions/upload-artifact, actions/download-artifact)',
      ),
    );
    expect(() => resolveStepUses('$/actions/nothing', roots)).toThrow(/no action\.yml in .*actions\/nothing/);
    expect(() => resolveStepUses('$/', roots)).toThrow(/needs a path/);
    expect(() => resolveStepUses('docker://alpine:3', roots)).toThrow(/container actions are not run locally/);
  });
});

describe('resolveWorkflowUses', () => {
  it('finds a reusable workflow in the calling workflow repository, and refuses one that is not ours', () => {
    expect(resolveWorkflowUses('$/.github/workflows/ci.yml', ownWorkflow, root)).toBe(ownWorkflow);
    expect(resolveWorkflowUses('./.github/workflows/ci.yml', ownWorkflow, root)).toBe(ownWorkflow);
    expect(resolveWorkflowUses('acme/shipgate/.github/workflows/ci.yml@v1', '/elsewhere/x.yml', root)).toBe(
      ownWorkflow,
    );
    expect(() => resolveWorkflowUses('acme/other/.github/workflows/ci.yml@v1', ownWorkflow, root)).toThrow(
      UnknownUsesError,
    );
  });
});
