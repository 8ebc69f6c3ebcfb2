import { describe, expect, it } from 'vitest';
import { APPROVAL_RECORD_SCHEMA, readApprovalRecord } from './approval-record.js';
import { readPayload, writePayload } from './payload.js';

const RECORD = {
  schema: APPROVAL_RECORD_SCHEMA,
  result: 'approved',
  reason: 'Approved by alice (1 of 1).',
  decidedAt: '2026-07-01T10:05:00.000Z',
  rules: [{ rule: 'window', status: 'overridden', reason: 'Sat 10:00 UTC is outside the deploy windows.' }],
  approvers: [{ login: 'alice', at: '2026-07-01T10:04:00.000Z', url: 'https://github.com/o/r/issues/5#c-1' }],
  requestUrl: 'https://github.com/o/r/issues/5',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  breakGlass: { source: 'label break-glass on #4', reason: 'INC-7', followUpUrl: 'https://github.com/o/r/issues/6' },
} as const;

describe('readApprovalRecord', () => {
  it('reads back a decision record written into a payload', () => {
    const payload = writePayload({
      version: 'v2',
      provider: 'command',
      targets: [],
      previous: undefined,
      nginx: undefined,
      approval: readApprovalRecord(RECORD),
    });
    expect(readPayload(JSON.parse(JSON.stringify(payload)) as Record<string, unknown>)?.approval).toEqual(RECORD);
  });

  it('is undefined for another schema, an unknown result or no object', () => {
    expect(readApprovalRecord({ ...RECORD, schema: 'shipgate/approval-gate/v1' })).toBeUndefined();
    expect(readApprovalRecord({ ...RECORD, result: 'yes' })).toBeUndefined();
    expect(readApprovalRecord('approved')).toBeUndefined();
    expect(readPayload({ shipgate: 2, version: 'v2' })?.approval).toBeUndefined();
  });

  it('drops approvals, rules and links that break the grammar, and cuts long texts', () => {
    const record = readApprovalRecord({
      ...RECORD,
      reason: 'x'.repeat(5000),
      rules: [...RECORD.rules, { rule: 'vibes', status: 'passed', reason: '' }],
      approvers: [...RECORD.approvers, { login: '::set-output name=x::', at: 'now', url: 'javascript:alert(1)' }],
      requestUrl: 'javascript:alert(1)',
      breakGlass: { source: 'input', reason: '  ' },
    });
    expect(record?.reason).toHaveLength(2000);
    expect(record?.rules).toEqual(RECORD.rules);
    expect(record?.approvers).toEqual(RECORD.approvers);
    expect(record?.requestUrl).toBeUndefined();
    expect(record?.breakGlass).toBeUndefined();
  });
});
