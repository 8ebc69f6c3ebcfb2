import { readApprovalRecord, type ApprovalRecord } from '@shipgate/history';
import type { ActionContext } from '@shipgate/kit';
import type { ACTION } from './inputs.js';

type Inputs = ActionContext<typeof ACTION.inputs>['inputs'];

const ALLOWED =
  "approval-gate's decision output (JSON, schema shipgate/approval-gate/decision/v1) with result approved";

/**
 * The `approval` input: approval-gate's decision record, kept in the Deployment payload so whoever reads the
 * deployment finds who approved it. A record that did not approve refuses the rollout before anything moves.
 */
export function parseApproval(inputs: Inputs): ApprovalRecord | undefined {
  const text = inputs.get('approval');
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw inputs.error('approval', ALLOWED, 'Pass ${{ steps.<gate step id>.outputs.decision }} as it is.');
  }
  const record = readApprovalRecord(json);
  if (!record) throw inputs.error('approval', ALLOWED, 'Pass ${{ steps.<gate step id>.outputs.decision }} as it is.');
  if (record.result !== 'approved')
    throw inputs.error(
      'approval',
      ALLOWED,
      `The gate decided '${record.result}' (${record.reason}), so this deployment may not go ahead.`,
    );
  return record;
}
