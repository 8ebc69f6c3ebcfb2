import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaValidator } from '@shipgate/core';
import { checkKubernetesFile, type KubernetesCheck } from './check-kubernetes.js';
import { loadKindValidators, type KubernetesVersion } from './kubernetes-versions.js';

const FILE = 'deploy/app.yaml';
const checks = new Map<KubernetesVersion, KubernetesCheck>();
beforeAll(async () => {
  for (const version of ['1.34', '1.36'] as const)
    checks.set(version, { version, validators: await loadKindValidators(version) });
});
const check = (text: string, version: KubernetesVersion = '1.36', extra: Partial<KubernetesCheck> = {}) =>
  checkKubernetesFile(FILE, text, { ...(checks.get(version) as KubernetesCheck), ...extra });

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

describe('checkKubernetesFile', () => {
  it("reports a Secret's data that is not base64, without printing it, and accepts base64 over several lines", () => {
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n${data}`;
    const findings = check(secret('  user: YWRtaW4=\n  password: s3cr3t-password\n'));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['kubernetes/invalid-value', 7]]);
    expect(findings[0]?.message).not.toContain('s3cr3t');
    expect(check(secret('  cert: |\n    TUlJQnN6Q0NBVm1n\n    QXdJQkFnSVU=\n'))).toEqual([]);
  });

  it('reports resource quantities the API server cannot parse, at the value, and accepts the valid forms', () => {
    const withResources = (requests: string) =>
      DEPLOYMENT.replace(
        '            - containerPort: 80',
        `            - containerPort: 80\n          resources:\n${requests}`,
      );
    const bad = check(withResources('            requests:\n              memory: 512MB\n              cpu: 1 m'));
    expect(bad.map((f) => [f.rule, f.line])).toEqual([
      ['kubernetes/invalid-value', 24],
      ['kubernetes/invalid-value', 25],
    ]);
    expect(bad[0]?.message).toContain('write 512Mi (powers of 1024) or 512M (powers of 1000)');
    const good =
      '            requests:\n              memory: 1.5Gi\n              cpu: 250m\n            limits:\n              cpu: 2\n              ephemeral-storage: 1e9\n              nvidia.com/gpu: "1"';
    expect(check(withResources(good))).toEqual([]);
    const quota =
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    pods: "50"\n    requests.storage: 100GB\n';
    expect(check(quota).map((f) => [f.rule, f.line])).toEqual([['kubernetes/invalid-value', 8]]);
  });

  it('reports a misspelt required field once, as the unknown field naming the one it meant', () => {
    const findings = check(DEPLOYMENT.replace('- containerPort: 80', '- containerport: 80'));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['kubernetes/unknown-field', 21]]);
    expect(findings[0]?.message).toContain('did you mean "containerPort"?');
    // A required field that is simply missing is still reported.
    const missing = check(DEPLOYMENT.replace('- containerPort: 80', '- protocol: TCP'));
    expect(missing.map((f) => f.rule)).toEqual(['kubernetes/missing-field']);
  });

  it('finds nothing in valid manifests, kubectl-style nulls and empty documents included', () => {
    const text = [
      DEPLOYMENT,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: null\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\nstatus: {}\n',
      '',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: job, image: busybox}]\n',
    ].join('---\n');
    expect(check(text)).toEqual([]);
  });

  it('reports an unknown field at its key, with the field it probably meant (strict by default)', () => {
    const text = DEPLOYMENT.replace('  replicas: 2', '  replicas: 2\n  replica: 3');
    expect(check(text)).toEqual([
      {
        rule: 'kubernetes/unknown-field',
        severity: 'error',
        message: 'Deployment spec.replica: unknown field "replica"; did you mean "replicas"?',
        file: FILE,
        line: 9,
        column: 3,
        endLine: 9,
        endColumn: 10,
      },
    ]);
  });

  it('reports a wrong type at the value, naming the YAML 1.1 booleans', () => {
    const text = DEPLOYMENT.replace('replicas: 2', 'replicas: "2"').replace(
      '    app: web\nspec',
      '    public: yes\nspec',
    );
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      [
        'kubernetes/wrong-type',
        6,
        13,
        expect.stringMatching(/^Deployment metadata\.labels\.public: must be string, not boolean \(true: quote it/),
      ],
      ['kubernetes/wrong-type', 8, 13, 'Deployment spec.replicas: must be integer, not string ("2")'],
    ]);
  });

  it('reports a value outside the set the API server accepts, listing the set', () => {
    const text = DEPLOYMENT.replace(
      '          image: nginx:1.27',
      '          image: nginx:1.27\n          imagePullPolicy: always',
    );
    expect(check(text)).toEqual([
      expect.objectContaining({
        rule: 'kubernetes/invalid-value',
        message:
          'Deployment spec.template.spec.containers[0].imagePullPolicy: "always" is not allowed; allowed: "Always", "IfNotPresent", "Never"',
        line: 20,
        column: 28,
      }),
    ]);
    const pvc =
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec:\n  accessModes: [ReadWriteOnce, ReadWriteAll]\n';
    expect(check(pvc)).toEqual([expect.objectContaining({ rule: 'kubernetes/invalid-value', line: 5, column: 32 })]);
  });

  it('accepts what kubectl and Helm write: quoted numbers as text, int-or-string ports, quantities, empty maps', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    checksum/config: "1234"
    enabled: "true"
spec:
  containers:
    - name: a
      image: "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      env:
        - {name: PORT, value: "8080"}
      resources:
        limits: {cpu: 1, memory: 512Mi}
        requests: {cpu: 250m, memory: "1e3"}
      readinessProbe:
        httpGet: {path: /, port: http}
      livenessProbe:
        tcpSocket: {port: 8080}
  tolerations:
    - {operator: Exists}
  securityContext: {}
status: {}
`;
    expect(check(text)).toEqual([]);
  });

  it('accepts a CustomResourceDefinition with the usual schema extensions', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wg]}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      additionalPrinterColumns:
        - {name: Size, type: integer, jsonPath: .spec.size}
      schema:
        openAPIV3Schema:
          type: object
          required: [spec]
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
              x-kubernetes-validations:
                - {rule: "self.size >= 0", message: size must not be negative}
              properties:
                size: {type: integer, minimum: 0, default: 1}
                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                tags: {type: array, items: {type: string}, x-kubernetes-list-type: set}
`;
    expect(check(crd)).toEqual([]);
  });

  it('reports a missing required field on the object that lacks it', () => {
    const text = DEPLOYMENT.replace('  selector:\n    matchLabels:\n      app: web\n', '');
    expect(check(text)).toEqual([
      expect.objectContaining({
        rule: 'kubernetes/missing-field',
        message: 'Deployment spec.selector: required field "selector" is missing',
        line: 7,
        column: 1,
      }),
    ]);
  });

  it('reports removed API versions with their replacement, at apiVersion', () => {
    const text = [
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: a}\n',
      'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: b}\n',
      'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: c}\n',
      'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: d}\n',
    ].join('---\n');
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['kubernetes/removed-api', 1, 13],
      ['kubernetes/removed-api', 5, 13],
      ['kubernetes/removed-api', 9, 13],
      ['kubernetes/removed-api', 13, 13],
    ]);
    expect(findings[0]?.message).toMatch(
      /^extensions\/v1beta1 Ingress was removed in Kubernetes 1\.22 \(checking for 1\.36\): use apiVersion: networking\.k8s\.io\/v1/,
    );
    expect(findings[1]?.message).toMatch(/use apiVersion: batch\/v1$/);
    expect(findings[2]?.message).toMatch(/use apiVersion: autoscaling\/v2 /);
    expect(findings[3]?.message).toMatch(/it has no successor \(use Pod Security Admission/);
  });

  it('checks against the chosen Kubernetes version', () => {
    const policy =
      'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingAdmissionPolicy\nmetadata: {name: p}\nspec: {}\n';
    expect(check(policy, '1.36')).toEqual([]);
    expect(check(policy, '1.34')).toEqual([
      expect.objectContaining({ rule: 'kubernetes/unknown-kind', line: 2, column: 7 }),
    ]);
    expect(check(policy, '1.34')[0]?.message).toMatch(
      /^MutatingAdmissionPolicy is not a kind of admissionregistration\.k8s\.io\/v1 in Kubernetes 1\.34; its kinds are /,
    );
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  schedulingGroup: {}\n  containers: [{name: a, image: b}]\n';
    expect(check(pod, '1.34').map((f) => f.rule)).toEqual(['kubernetes/unknown-field']);
  });

  it('reports an unknown kind of a built-in group, and a version it does not serve', () => {
    const findings = check(
      'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n---\napiVersion: apps/v2\nkind: Deployment\n',
    );
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['kubernetes/unknown-kind', 2, 7],
      ['kubernetes/unknown-kind', 5, 13],
    ]);
    expect(findings[0]?.message).toContain('Deployment,');
    expect(findings[1]?.message).toBe(
      'apps/v2 is not served by Kubernetes 1.36; Deployment exists in another API version of this release',
    );
  });

  it('gives custom resources a notice unless a schema is given for them', () => {
    const text = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {secretName: 5}\n';
    expect(check(text)).toEqual([
      expect.objectContaining({
        rule: 'kubernetes/custom-resource-not-checked',
        severity: 'notice',
        line: 2,
        column: 7,
      }),
    ]);
    const schema: SchemaValidator = Object.assign(
      (data: unknown) => {
        const ok = typeof (data as { spec: { secretName: unknown } }).spec.secretName === 'string';
        schema.errors = ok
          ? null
          : [
              {
                instancePath: '/spec/secretName',
                schemaPath: '#',
                keyword: 'type',
                params: { type: 'string' },
                data: 5,
              },
            ];
        return ok;
      },
      { errors: null },
    );
    const customResources = new Map([['cert-manager.io/v1/Certificate', schema]]);
    expect(check(text, '1.36', { customResources })).toEqual([
      expect.objectContaining({ rule: 'kubernetes/wrong-type', line: 4, column: 20 }),
    ]);
  });

  it('checks each item of a v1 List at its position', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    dta: {}\n';
    expect(check(text)).toEqual([expect.objectContaining({ rule: 'kubernetes/unknown-field', line: 7, column: 5 })]);
  });

  it('reports documents that are not objects or lack apiVersion and kind', () => {
    const findings = check('- a\n- b\n---\nmetadata: {name: x}\n---\napiVersion: v1\nkind: 5\n');
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['kubernetes/not-an-object', 1, 1],
      ['kubernetes/missing-type-meta', 4, 1],
      ['kubernetes/missing-type-meta', 7, 7],
    ]);
  });

  it('reports syntax errors and duplicate keys, and still checks the other documents', () => {
    const text = `${DEPLOYMENT.replace('  name: web\n', '  name: web\n  name: web2\n')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbogus: 1\n`;
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['yaml/duplicate-key', 5, 3],
      ['kubernetes/unknown-field', 27, 1],
    ]);
    expect(findings[0]?.message).toMatch(/^duplicate key name:/);
  });

  it('locates a finding in a later document, parsing only that one, with comments and end markers around', () => {
    const text = `# rendered by helm\n---\n${DEPLOYMENT}...\n---\n# the service\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: "eighty"\n`;
    expect(check(text)).toEqual([
      expect.objectContaining({ rule: 'kubernetes/wrong-type', line: 33, column: 13, endLine: 33, endColumn: 21 }),
    ]);
    expect(check(text.replace(/\n/g, '\r\n'))).toEqual([expect.objectContaining({ line: 33, column: 13 })]);
  });

  it('locates errors inside aliased and merged content', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - &base
      name: a
      image: nginx
      ports: 80
    - <<: *base
      name: b
`;
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['kubernetes/wrong-type', 9, 14],
      ['kubernetes/wrong-type', 9, 14],
    ]);
  });
});
