import { describe, expect, it } from 'vitest';
import { workflowFileKind } from './file-kind.js';

describe('workflowFileKind', () => {
  it('tells workflows and action metadata from other YAML', () => {
    expect(workflowFileKind('.github/workflows/ci.yml')).toBe('workflow');
    expect(workflowFileKind('.github/workflows/release.yaml')).toBe('workflow');
    expect(workflowFileKind('.github/workflows/templates/x.yml')).toBeUndefined();
    expect(workflowFileKind('action.yml')).toBe('action');
    expect(workflowFileKind('actions/deploy/action.yaml')).toBe('action');
    expect(workflowFileKind('k8s/deployment.yml')).toBeUndefined();
  });
});
