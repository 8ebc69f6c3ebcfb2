import type { ApprovalRequest } from '@shipgate/policy';
import type { expandApprovers } from './github-channel.js';
import type { GateSettings } from './settings.js';

/** The policy's approval request from the settings, the expanded approvers and who must not approve. */
export function approvalRequest(
  settings: GateSettings,
  expanded: Awaited<ReturnType<typeof expandApprovers>>,
  actor: string,
  commitAuthor: string | undefined,
  createdAt: number,
): ApprovalRequest {
  return {
    createdAt,
    approvers: expanded.approvers,
    groups: expanded.groups,
    minimumApprovals: settings.minimumApprovals,
    actor,
    commitAuthor,
    allowSelfApproval: settings.allowSelfApproval,
    words: settings.words,
  };
}
