// Deterministic Kubernetes manifests for the manifests benchmark: realistic resources (the shapes Helm charts and
// kustomize overlays render), several per file as multi-document YAML, a seeded few with planted defects.
import { stringify } from 'yaml';

/** A small seeded generator (mulberry32): the same files every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const labels = (app, n) => ({ 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': `${app}-${n}` });

function container(app, n, rnd) {
  return {
    name: app,
    image: `registry.example.com/team/${app}:1.${n % 40}.${Math.floor(rnd() * 9)}`,
    imagePullPolicy: 'IfNotPresent',
    args: ['--port=8080', `--log-level=${rnd() < 0.5 ? 'info' : 'debug'}`],
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [
      { name: 'APP_NAME', value: app },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'password' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
    livenessProbe: { httpGet: { path: '/health', port: 8080 }, failureThreshold: 3 },
    securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
  };
}

const podSpec = (app, n, rnd) => ({
  serviceAccountName: app,
  containers: [container(app, n, rnd)],
  volumes: [{ name: 'config', configMap: { name: `${app}-config` } }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'apps', effect: 'NoSchedule' }],
});

const KINDS = [
  (app, n, rnd) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: 'apps', labels: labels(app, n) },
    spec: {
      replicas: 1 + (n % 5),
      selector: { matchLabels: labels(app, n) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: { metadata: { labels: labels(app, n) }, spec: podSpec(app, n, rnd) },
    },
  }),
  (app, n) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, namespace: 'apps', labels: labels(app, n) },
    spec: { type: 'ClusterIP', selector: labels(app, n), ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  }),
  (app, n) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${app}-config`, namespace: 'apps' },
    data: { 'app.properties': `name=${app}\nreplica=${n}\n`, LOG_FORMAT: 'json' },
  }),
  (app, n) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: app, namespace: 'apps', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [`${app}.example.com`], secretName: `${app}-tls` }],
      rules: [
        {
          host: `${app}.example.com`,
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 + (n % 2) } } } },
            ],
          },
        },
      ],
    },
  }),
  (app, n, rnd) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: `${app}-nightly`, namespace: 'apps' },
    spec: {
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: { backoffLimit: 2, template: { spec: { ...podSpec(app, n, rnd), restartPolicy: 'OnFailure' } } },
      },
    },
  }),
  (app, n) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: app, namespace: 'apps' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      minReplicas: 2,
      maxReplicas: 10 + (n % 10),
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  }),
  (app, n, rnd) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: `${app}-db`, namespace: 'apps' },
    spec: {
      serviceName: `${app}-db`,
      replicas: 3,
      selector: { matchLabels: labels(`${app}-db`, n) },
      template: { metadata: { labels: labels(`${app}-db`, n) }, spec: podSpec(`${app}-db`, n, rnd) },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
        },
      ],
    },
  }),
  (app) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: app, namespace: 'apps' },
    automountServiceAccountToken: false,
  }),
];

/** An API version each kind was once served at and no longer is (kubernetes.io deprecation guide). */
const REMOVED = {
  Deployment: 'extensions/v1beta1',
  StatefulSet: 'apps/v1beta2',
  Ingress: 'extensions/v1beta1',
  CronJob: 'batch/v1beta1',
  HorizontalPodAutoscaler: 'autoscaling/v2beta2',
};

/** Planted defects, one in `defectRate` documents: each must be reported at its position. */
const DEFECTS = [
  (doc) => void (doc.metadata.nmae = 'x'), // unknown field
  (doc) => void (doc.metadata.labels = 'not-a-map'), // wrong type
  (doc) => void (REMOVED[doc.kind] ? (doc.apiVersion = REMOVED[doc.kind]) : (doc.metadata.namespace = 7)), // removed API
];

/**
 * `files` multi-document files of `perFile` resources each; returns the files ([{ name, text }]), the number
 * of resources, and the planted defects as [{ file, document, startLine, endLine }] (0-based document index in
 * its file; the lines it spans).
 */
export function generateManifests({ files = 500, perFile = 10, seed = 1, defectRate = 50 } = {}) {
  const rnd = random(seed);
  const out = [];
  const defects = [];
  let n = 0;
  for (let f = 0; f < files; f++) {
    const docs = [];
    let line = 2; // after the leading ---
    for (let d = 0; d < perFile; d++, n++) {
      const app = `svc-${f}-${d}`;
      const doc = KINDS[n % KINDS.length](app, n, rnd);
      const planted = n % defectRate === defectRate - 1;
      if (planted) DEFECTS[defects.length % DEFECTS.length](doc);
      const yaml = stringify(doc, { lineWidth: 0 });
      const lines = yaml.split('\n').length - 1;
      if (planted)
        defects.push({ file: `manifests/app-${f}.yaml`, document: d, startLine: line, endLine: line + lines - 1 });
      line += lines + 1;
      docs.push(yaml);
    }
    out.push({ name: `manifests/app-${f}.yaml`, text: `---\n${docs.join('---\n')}` });
  }
  return { files: out, resources: n, defects };
}
