import { describe, expect, it } from 'vitest';
import { kubernetesCheck } from './kubernetes-check.js';
import { scopeWith } from './test-scope.js';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
`;

describe('kubernetesCheck', () => {
  it('leaves out reliability findings on a document that fails its schema, keeps them elsewhere', async () => {
    const noSelector = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: ghcr.io/example/worker:1.0.0
---
${SERVICE}`;
    const { findings } = await kubernetesCheck.check(scopeWith({ 'k8s/app.yaml': noSelector }));
    expect(findings.map((f) => `${f.location?.line} ${f.ruleId}`)).toEqual([
      '5 kubernetes/missing-field',
      // The Service selects no pod: its own document is valid, so the finding stays.
      '22 k8s/dangling-service',
    ]);
  });
});
