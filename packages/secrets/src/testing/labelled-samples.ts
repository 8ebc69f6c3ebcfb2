/**
 * A labelled corpus: fake but format-valid secrets of many kinds, each planted in a realistic file (code,
 * configuration, docs, tests, Kubernetes Secrets, docker auth files, connection strings), and decoys that look
 * like secrets and are not. Generated from a seed at run time, so no secret-looking literal is committed.
 * Used by the unit tests and by bench/secrets (recall and precision, and planted secrets in the big corpus).
 */
import { ALPHABETS as A, SeededRandom, toBase64 } from './seeded-random.js';

export interface LabelledSample {
  /** What it is: a secret kind (`github-pat`) or a decoy kind (`decoy/placeholder`). */
  kind: string;
  file: string;
  text: string;
  /** The planted secret, for true samples; undefined for decoys (any finding there is a false positive). */
  secret?: string;
}

type Maker = (r: SeededRandom) => { file: string; text: string; secret: string };

const word = (r: SeededRandom): string => r.pick(['app', 'billing', 'orders', 'search', 'payments', 'auth', 'api']);
const password = (r: SeededRandom): string =>
  `${r.chars(A.upper, 1)}${r.chars(A.alnum, r.int(8, 14))}${r.pick(['!', '#', '%', '@', '&', '9'])}${r.chars(A.digits, 2)}`;
const pem = (r: SeededRandom, label: string): string => {
  const lines = Array.from({ length: 20 }, () => r.chars(A.base64, 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n${r.chars(A.base64, 30)}==\n-----END ${label}-----`;
};
const jwt = (r: SeededRandom): string => {
  const b64 = (o: unknown) => toBase64(JSON.stringify(o), A.base64url, false);
  const header = b64({ alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' });
  const payload = b64({ sub: r.chars(A.alnum, 12), iat: r.int(1.6e9, 1.8e9), role: 'service' });
  return `${header}.${payload}.${r.chars(A.base64url, 43)}`;
};
const envFile = (name: string, value: string, r: SeededRandom) => ({
  file: r.pick(['.env', 'deploy/.env.production', 'config/app.env']),
  text: `# ${word(r)} settings\nNODE_ENV=production\nPORT=8080\n${name}=${value}\nLOG_LEVEL=info\n`,
  secret: value,
});
const codeFile = (name: string, value: string, r: SeededRandom) => {
  const style = r.int(0, 3);
  if (style === 0)
    return {
      file: `src/${word(r)}/client.ts`,
      text: `import { Client } from './client.js';\n\nconst ${name} = '${value}';\nexport const client = new Client({ ${name} });\n`,
      secret: value,
    };
  if (style === 1)
    return {
      file: `${word(r)}/settings.py`,
      text: `import os\n\nDEBUG = False\n${name.toUpperCase()} = "${value}"\nTIMEOUT = 30\n`,
      secret: value,
    };
  if (style === 2)
    return {
      file: `internal/${word(r)}/config.go`,
      text: `package config\n\nconst ${name} = "${value}"\n\nfunc Timeout() int { return 30 }\n`,
      secret: value,
    };
  return {
    file: `config/${word(r)}.yaml`,
    text: `service:\n  name: ${word(r)}\n  ${name}: "${value}"\n  retries: 3\n`,
    secret: value,
  };
};

/** Secret kinds and how each is planted. Names are the provider's usual variable names. */
export const SECRET_MAKERS: Readonly<Record<string, Maker>> = {
  'aws-access-key-id': (r) => envFile('AWS_ACCESS_KEY_ID', `AKIA${r.chars(A.base32, 16)}`, r),
  'aws-secret-access-key': (r) => envFile('AWS_SECRET_ACCESS_KEY', r.chars(A.base64, 40), r),
  'github-pat': (r) => codeFile('githubToken', `ghp_${r.chars(A.alnum, 36)}`, r),
  'github-fine-grained-pat': (r) =>
    envFile('GH_TOKEN', `github_pat_${r.chars(A.alnum, 22)}_${r.chars(A.alnum, 59)}`, r),
  'github-oauth-token': (r) => codeFile('oauth', `gho_${r.chars(A.alnum, 36)}`, r),
  'github-app-token': (r) => codeFile('installation', `ghs_${r.chars(A.alnum, 36)}`, r),
  'gitlab-pat': (r) => envFile('GITLAB_TOKEN', `glpat-${r.chars(A.alnum, 20)}`, r),
  'slack-bot-token': (r) =>
    codeFile('slack', `xoxb-${r.chars(A.digits, 11)}-${r.chars(A.digits, 12)}-${r.chars(A.alnum, 24)}`, r),
  'slack-webhook-url': (r) =>
    codeFile(
      'webhook',
      `https://hooks.slack.com/services/T${r.chars(A.upper + A.digits, 10)}/B${r.chars(A.upper + A.digits, 10)}/${r.chars(A.alnum, 24)}`,
      r,
    ),
  'stripe-secret-key': (r) => codeFile('stripe', `sk_live_${r.chars(A.alnum, 24)}`, r),
  'stripe-restricted-key': (r) => envFile('STRIPE_KEY', `rk_live_${r.chars(A.alnum, 32)}`, r),
  'sendgrid-api-token': (r) =>
    envFile('SENDGRID_API_KEY', `SG.${r.chars(A.base64url, 22)}.${r.chars(A.base64url, 43)}`, r),
  'twilio-api-key': (r) => envFile('TWILIO_API_KEY', `SK${r.chars(A.hex, 32)}`, r),
  'npm-access-token': (r) => ({
    file: '.npmrc',
    text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_${r.chars(A.alnum, 36)}\n`,
    secret: '',
  }),
  'pypi-upload-token': (r) => envFile('TWINE_PASSWORD', `pypi-AgEIcHlwaS5vcmc${r.chars(A.base64url, 70)}`, r),
  'openai-api-key': (r) =>
    codeFile('openaiKey', `sk-proj-${r.chars(A.base64url, 58)}T3BlbkFJ${r.chars(A.base64url, 58)}`, r),
  'anthropic-api-key': (r) => envFile('ANTHROPIC_API_KEY', `sk-ant-api03-${r.chars(A.base64url, 93)}AA`, r),
  'huggingface-access-token': (r) => codeFile('hf', `hf_${r.chars(A.upper + A.lower, 34)}`, r),
  'gcp-api-key': (r) => codeFile('mapsKey', `AIza${r.chars(A.base64url, 35)}`, r),
  'private-key-rsa': (r) => {
    const key = pem(r, 'RSA PRIVATE KEY');
    return { file: 'deploy/keys/server.key', text: `${key}\n`, secret: key };
  },
  'private-key-openssh-in-json': (r) => {
    const key = pem(r, 'PRIVATE KEY');
    const escaped = key.replace(/\n/g, '\\n');
    return {
      file: 'credentials/service-account.json',
      text: `{\n  "type": "service_account",\n  "project_id": "${word(r)}-prod",\n  "private_key": "${escaped}\\n",\n  "client_email": "svc@example.iam.gserviceaccount.com"\n}\n`,
      secret: escaped,
    };
  },
  jwt: (r) => codeFile('sessionToken', jwt(r), r),
  'postgres-url': (r) => {
    const pass = password(r);
    return envFile(
      'DATABASE_URL',
      `postgres://${word(r)}_user:${pass}@db-${r.chars(A.lower, 6)}.internal:5432/${word(r)}`,
      r,
    );
  },
  'mongodb-url': (r) => {
    const pass = password(r).replace(/[@#%&!]/g, 'x');
    return codeFile('mongoUri', `mongodb+srv://admin:${pass}@cluster0.${r.chars(A.lower, 5)}.mongodb.net/prod`, r);
  },
  'redis-url': (r) =>
    envFile('REDIS_URL', `rediss://:${r.chars(A.alnum, 24)}@cache.${r.chars(A.lower, 6)}.com:6380/0`, r),
  'jdbc-password': (r) => ({
    file: 'src/main/resources/application.properties',
    text: `spring.datasource.url=jdbc:mysql://db:3306/${word(r)}?user=app&password=${password(r).replace(/[&#]/g, 'z')}\nspring.jpa.show-sql=false\n`,
    secret: '',
  }),
  'env-password': (r) => envFile('DB_PASSWORD', password(r), r),
  'yaml-password': (r) => {
    const pass = password(r);
    return {
      file: 'config/database.yml',
      text: `production:\n  adapter: postgresql\n  host: db.internal\n  username: ${word(r)}\n  password: ${pass}\n`,
      secret: pass,
    };
  },
  'json-api-key': (r) => {
    const key = r.chars(A.alnum, 32);
    return {
      file: 'config/settings.json',
      text: `{\n  "endpoint": "https://api.${word(r)}.io/v2",\n  "apiKey": "${key}",\n  "timeout": 30\n}\n`,
      secret: key,
    };
  },
  'django-secret-key': (r) => {
    const key = r.chars(A.alnum + '!@#%^&*(-_=+)', 50).replace(/['"\\]/g, 'x');
    return { file: `${word(r)}/settings.py`, text: `import os\n\nSECRET_KEY = '${key}'\nDEBUG = False\n`, secret: key };
  },
  'kubernetes-secret': (r) => {
    const value = toBase64(password(r));
    return {
      file: `k8s/${word(r)}-secret.yaml`,
      text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${word(r)}-db\ntype: Opaque\ndata:\n  username: ${toBase64('app')}\n  password: ${value}\n`,
      secret: value,
    };
  },
  'docker-config-auth': (r) => {
    const auth = toBase64(`${word(r)}-ci:${password(r)}`);
    return {
      file: '.docker/config.json',
      text: `{\n  "auths": {\n    "registry.${word(r)}.io": {\n      "auth": "${auth}"\n    }\n  }\n}\n`,
      secret: auth,
    };
  },
  'azure-storage-connection-string': (r) => {
    const key = `${r.chars(A.base64, 86)}==`;
    return envFile(
      'AZURE_STORAGE_CONNECTION_STRING',
      `DefaultEndpointsProtocol=https;AccountName=${word(r)}store;AccountKey=${key};EndpointSuffix=core.windows.net`,
      r,
    );
  },
  'azure-ad-client-secret': (r) =>
    envFile('AZURE_CLIENT_SECRET', `${r.chars(A.alnum, 3)}8Q~${r.chars(A.alnum + '_~.-', 34)}`, r),
  'digitalocean-pat': (r) => envFile('DIGITALOCEAN_TOKEN', `dop_v1_${r.chars(A.hex, 64)}`, r),
  'shopify-access-token': (r) => codeFile('shopifyToken', `shpat_${r.chars(A.hex, 32)}`, r),
  'mailchimp-api-key': (r) => envFile('MAILCHIMP_API_KEY', `${r.chars(A.hex, 32)}-us${r.int(10, 21)}`, r),
  'datadog-api-key': (r) => envFile('DD_API_KEY', r.chars(A.hex, 32), r),
  'discord-webhook-url': (r) =>
    codeFile('discordHook', `https://discord.com/api/webhooks/${r.chars(A.digits, 18)}/${r.chars(A.base64url, 68)}`, r),
  'telegram-bot-token': (r) =>
    envFile('TELEGRAM_BOT_TOKEN', `${r.chars(A.digits, 10)}:AA${r.chars(A.base64url, 33)}`, r),
  'vault-service-token': (r) => envFile('VAULT_TOKEN', `hvs.${r.chars(A.base64url, 95)}`, r),
  'doppler-api-token': (r) => envFile('DOPPLER_TOKEN', `dp.pt.${r.chars(A.alnum, 43)}`, r),
  'linear-api-key': (r) => codeFile('linearKey', `lin_api_${r.chars(A.alnum, 40)}`, r),
  'databricks-api-token': (r) => envFile('DATABRICKS_TOKEN', `dapi${r.chars(A.hex, 32)}`, r),
  'http-basic-auth': (r) => {
    const creds = toBase64(`deploy:${password(r)}`);
    return {
      file: 'scripts/deploy.sh',
      text: `#!/bin/sh\ncurl -fsS -H "Authorization: Basic ${creds}" https://api.${word(r)}.io/deploy\n`,
      secret: creds,
    };
  },
  'http-bearer-token': (r) => {
    const token = r.chars(A.alnum, 40);
    return {
      file: 'docs/api.md',
      text: `# Calling the API\n\n\`\`\`\ncurl -H "Authorization: Bearer ${token}" https://api.${word(r)}.io/v1/items\n\`\`\`\n`,
      secret: token,
    };
  },
  'sentry-user-token': (r) => envFile('SENTRY_AUTH_TOKEN', `sntryu_${r.chars(A.hex, 64)}`, r),
  'grafana-service-account-token': (r) =>
    envFile('GRAFANA_TOKEN', `glsa_${r.chars(A.alnum, 32)}_${r.chars(A.hex, 8)}`, r),
  'new-relic-user-api-key': (r) => envFile('NEW_RELIC_API_KEY', `NRAK-${r.chars(A.upper + A.digits, 27)}`, r),
  'heroku-api-key-v2': (r) => envFile('HEROKU_API_KEY', `HRKU-AA${r.chars(A.base64url, 58)}`, r),
  'age-secret-key': (r) => ({
    file: 'keys/age.txt',
    text: `# created: 2026-01-01\n# public key: age1${r.chars(A.bech32, 58)}\nAGE-SECRET-KEY-1${r.chars(A.bech32, 58).toUpperCase()}\n`,
    secret: '',
  }),
  'netrc-password': (r) => {
    const pass = password(r);
    return { file: '.netrc', text: `machine api.${word(r)}.io\n  login ci-bot\n  password ${pass}\n`, secret: pass };
  },
  'alibaba-access-key-id': (r) => envFile('ALIBABA_CLOUD_ACCESS_KEY_ID', `LTAI${r.chars(A.alnum, 20)}`, r),
  'postman-api-token': (r) => envFile('POSTMAN_API_KEY', `PMAK-${r.chars(A.hex, 24)}-${r.chars(A.hex, 34)}`, r),
  'test-fixture-token': (r) => {
    const token = `ghp_${r.chars(A.alnum, 36)}`;
    return {
      file: `test/${word(r)}.test.ts`,
      text: `import { it } from 'vitest';\n\nit('calls the API', async () => {\n  await call({ token: '${token}' });\n});\n`,
      secret: token,
    };
  },
};

/** Decoys: values a scanner must not report. */
export const DECOY_MAKERS: Readonly<Record<string, (r: SeededRandom) => { file: string; text: string }>> = {
  'decoy/aws-documented-example': () => ({
    file: 'docs/aws.md',
    text: 'Example:\n\n```\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```\n',
  }),
  'decoy/placeholders': () => ({
    file: 'config/example.env',
    text: 'API_KEY=xxx\nAPI_TOKEN=<token>\nDB_PASSWORD=changeme\nSECRET_KEY=your-secret-key-here\nSTRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
  }),
  'decoy/workflow-expressions': () => ({
    file: '.github/workflows/deploy.yml',
    text: 'env:\n  API_KEY: ${{ secrets.API_KEY }}\n  DB_PASSWORD: ${{ secrets.DB_PASSWORD }}\n  TOKEN: ${{ github.token }}\n',
  }),
  'decoy/env-references': () => ({
    file: 'deploy/compose.yaml',
    text: 'services:\n  app:\n    environment:\n      DATABASE_PASSWORD: ${DATABASE_PASSWORD}\n      API_TOKEN: "${API_TOKEN:?required}"\n      SECRET: $SECRET\n',
  }),
  'decoy/templates': () => ({
    file: 'charts/app/templates/secret.yaml',
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  password: {{ .Values.db.password | quote }}\n  token: "{{ .Values.token }}"\n',
  }),
  'decoy/code-references': () => ({
    file: 'src/db.py',
    text: 'import os\n\npassword = os.environ["DB_PASSWORD"]\napi_key = settings.API_KEY\ntoken = get_token()\nsecret = request.form["secret"]\n',
  }),
  'decoy/ts-references': () => ({
    file: 'src/config.ts',
    text: 'export const config = {\n  apiKey: process.env.API_KEY,\n  password: options.password,\n  token: await vault.read("token"),\n};\n',
  }),
  'decoy/hashes': (r) => ({
    file: 'release/checksums.txt',
    text: `sha256: ${r.chars(A.hex, 64)}\nchecksum = "${r.chars(A.hex, 40)}"\ncommit_token_sha = ${r.chars(A.hex, 40)}\nintegrity: sha512-${r.chars(A.base64, 86)}==\n`,
  }),
  'decoy/uuids': (r) => {
    const uuid = () =>
      `${r.chars(A.hex, 8)}-${r.chars(A.hex, 4)}-4${r.chars(A.hex, 3)}-a${r.chars(A.hex, 3)}-${r.chars(A.hex, 12)}`;
    return {
      file: 'src/fixtures/ids.json',
      text: `{\n  "request_id": "${uuid()}",\n  "tenant_key": "${uuid()}",\n  "trace_token": "${uuid()}"\n}\n`,
    };
  },
  'decoy/public-keys': (r) => ({
    file: 'deploy/keys/server.pub',
    text: `-----BEGIN PUBLIC KEY-----\n${r.chars(A.base64, 64)}\n${r.chars(A.base64, 64)}\n-----END PUBLIC KEY-----\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.chars(A.base64, 43)} deploy@ci\n`,
  }),
  'decoy/public-key-assignment': (r) => ({
    file: 'src/keys.ts',
    text: `export const publicKey = '${r.chars(A.base64, 44)}';\nexport const public_key = "${r.chars(A.hex, 64)}";\n`,
  }),
  'decoy/publishable-keys': (r) => ({
    file: 'web/src/stripe.ts',
    text: `const stripe = Stripe('pk_live_${r.chars(A.alnum, 24)}');\nconst test = Stripe('pk_test_${r.chars(A.alnum, 24)}');\n`,
  }),
  'decoy/local-defaults': () => ({
    file: 'docker-compose.yml',
    text: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n      MYSQL_ROOT_PASSWORD: root\n  app:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@localhost:5432/app\n      REDIS_URL: redis://localhost:6379\n',
  }),
  'decoy/password-metadata': () => ({
    file: 'src/auth/policy.ts',
    text: 'export const PASSWORD_MIN_LENGTH = 12;\nconst passwordHint = "Use a long passphrase";\nconst token_url = "https://auth.example.com/oauth/token";\nconst secretName = "app-db-credentials";\n',
  }),
  'decoy/prose': () => ({
    file: 'README.md',
    text: '## Configuration\n\nSet your API key in the `API_KEY` variable, and the password in `DB_PASSWORD`.\nThe token is read from the secret store; never commit a secret.\n',
  }),
  'decoy/jwt-documented-example': () => ({
    file: 'docs/auth.md',
    text: 'A token looks like this:\n\n    eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n',
  }),
  'decoy/i18n-labels': () => ({
    file: 'web/locales/en.json',
    text: '{\n  "apiKeyLabel": "API key",\n  "passwordLabel": "Password",\n  "tokenExpired": "Your session token has expired"\n}\n',
  }),
  'decoy/kubernetes-references': () => ({
    file: 'k8s/deployment.yaml',
    text: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-db\n        key: password\n',
  }),
  'decoy/lockfile': (r) => ({
    file: 'package-lock.json',
    text: `{\n  "node_modules/x": {\n    "integrity": "sha512-${r.chars(A.base64, 86)}==",\n    "token": "${r.chars(A.alnum, 40)}"\n  }\n}\n`,
  }),
  'decoy/inline-allowed': (r) => ({
    file: 'test/fixtures/token.ts',
    text: `export const token = 'ghp_${r.chars(A.alnum, 36)}'; // shipgate:allow test fixture\n`,
  }),
  'decoy/base64-data-uri': (r) => ({
    file: 'web/src/icon.ts',
    text: `export const icon = "data:image/png;base64,${r.chars(A.base64, 200)}";\n`,
  }),
};

/** One sample of every secret kind and every decoy kind, `rounds` times with different values. */
export function labelledSamples(seed: number, rounds = 1): LabelledSample[] {
  const r = new SeededRandom(seed);
  const samples: LabelledSample[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [kind, make] of Object.entries(SECRET_MAKERS)) {
      const sample = make(r);
      samples.push({
        kind,
        file: sample.file,
        text: sample.text,
        secret: sample.secret || secretIn(sample.text, kind),
      });
    }
    for (const [kind, make] of Object.entries(DECOY_MAKERS)) samples.push({ kind, ...make(r) });
  }
  return samples;
}

/** For makers that plant the secret inside a larger value, the planted part. */
function secretIn(text: string, kind: string): string {
  const found = {
    'npm-access-token': /npm_[A-Za-z0-9]{36}/,
    'jdbc-password': /password=([^\s&]+)/,
    'age-secret-key': /AGE-SECRET-KEY-1[0-9A-Z]{58}/,
  }[kind]?.exec(text);
  return found?.[1] ?? found?.[0] ?? '';
}
