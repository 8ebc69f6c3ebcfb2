/**
 * Self-identifying tokens: providers that give their credentials a recognisable prefix or structure. Formats
 * follow the providers' documentation and the token formats catalogued by gitleaks' default configuration.
 */
import type { SecretRule } from '../rule.js';
import { HEX, token } from './build.js';

const EXAMPLE = [{ regexes: [/EXAMPLE$/] }];

/** Cloud providers and infrastructure. */
export const CLOUD_TOKENS: SecretRule[] = [
  token('aws-access-key-id', 'AWS access key ID', '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', {
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    entropy: 3,
    allowlists: EXAMPLE,
    help: 'Deactivate the access key in IAM and create a new one; prefer OIDC roles in workflows.',
  }),
  token('gcp-api-key', 'Google Cloud API key', 'AIza[\\w-]{35}', { entropy: 3.5, severity: 'high' }),
  token('azure-ad-client-secret', 'Azure AD client secret', '[a-zA-Z0-9_~.]{3}\\dQ~[a-zA-Z0-9_~.-]{31,34}', {
    keywords: ['q~'],
    entropy: 3,
  }),
  token('digitalocean-pat', 'DigitalOcean personal access token', `dop_v1_${HEX(64)}`, { entropy: 3 }),
  token('digitalocean-oauth-token', 'DigitalOcean OAuth token', `doo_v1_${HEX(64)}`, { entropy: 3 }),
  token('digitalocean-refresh-token', 'DigitalOcean refresh token', `dor_v1_${HEX(64)}`, { entropy: 3 }),
  token('alibaba-access-key-id', 'Alibaba Cloud AccessKey ID', 'LTAI[a-zA-Z0-9]{20}', { entropy: 2.5 }),
  token('heroku-api-key-v2', 'Heroku API key', 'HRKU-AA[0-9a-zA-Z_-]{58}', { entropy: 4 }),
  token(
    'flyio-token',
    'Fly.io access token',
    '(?:fo1_[\\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})',
    {
      keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
      entropy: 4,
    },
  ),
  token('doppler-api-token', 'Doppler API token', 'dp\\.pt\\.[a-zA-Z0-9]{43}', { entropy: 3 }),
  token('dynatrace-api-token', 'Dynatrace API token', 'dt0c01\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{64}', { entropy: 4 }),
  token('hashicorp-tf-api-token', 'Terraform Cloud API token', '[a-zA-Z0-9]{14}\\.atlasv1\\.[a-zA-Z0-9_=-]{60,70}', {
    keywords: ['atlasv1'],
    entropy: 3.5,
  }),
  token('vault-service-token', 'HashiCorp Vault service token', 'hvs\\.[\\w-]{90,120}', { entropy: 3.5 }),
  token('vault-batch-token', 'HashiCorp Vault batch token', 'hvb\\.[\\w-]{138,300}', { entropy: 4 }),
  token('pulumi-api-token', 'Pulumi access token', `pul-${HEX(40)}`, { entropy: 3 }),
  token('databricks-api-token', 'Databricks access token', `dapi${HEX(32)}(?:-\\d)?`, { entropy: 3 }),
  token('planetscale-api-token', 'PlanetScale API token', 'pscale_tkn_[\\w=.-]{32,64}', { entropy: 3 }),
  token('planetscale-oauth-token', 'PlanetScale OAuth token', 'pscale_oauth_[\\w=.-]{32,64}', { entropy: 3 }),
  token('planetscale-password', 'PlanetScale password', 'pscale_pw_[\\w=.-]{32,64}', { entropy: 3 }),
  token('scalingo-api-token', 'Scalingo API token', 'tk-us-[\\w-]{48}', { entropy: 3 }),
  token('openshift-user-token', 'OpenShift user token', 'sha256~[\\w-]{43}', { entropy: 3.5 }),
  token('clickhouse-cloud-api-secret', 'ClickHouse Cloud API secret', '4b1d[A-Za-z0-9]{38}', { entropy: 3.5 }),
  token('infracost-api-token', 'Infracost API token', 'ico-[a-zA-Z0-9]{32}', { entropy: 3 }),
  token('octopus-deploy-api-key', 'Octopus Deploy API key', 'API-[A-Z0-9]{26}', { entropy: 3.5 }),
  token('prefect-api-token', 'Prefect API key', 'pnu_[a-zA-Z0-9]{36}', { entropy: 3 }),
  token('onepassword-service-account-token', '1Password service account token', 'ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}', {
    entropy: 4,
  }),
  token(
    'onepassword-secret-key',
    '1Password secret key',
    'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
    { entropy: 3.5 },
  ),
  token('age-secret-key', 'age encryption secret key', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),
  token('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', `v1\\.0-${HEX(24)}-${HEX(146)}`, { entropy: 3 }),
  token('grafana-cloud-api-token', 'Grafana Cloud API token', 'glc_[A-Za-z0-9+/]{32,400}={0,3}', { entropy: 3.5 }),
  token('grafana-service-account-token', 'Grafana service account token', 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', {
    entropy: 3,
  }),
  token('grafana-api-key', 'Grafana API key', 'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}', { entropy: 3.5 }),
  token('sentry-user-token', 'Sentry user auth token', `sntryu_${HEX(64)}`, { entropy: 3.5 }),
  token(
    'sentry-org-token',
    'Sentry organization auth token',
    'sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,400}={0,2}_[a-zA-Z0-9+/]{43}',
    {
      entropy: 4,
    },
  ),
  token('new-relic-user-api-key', 'New Relic user API key', 'NRAK-[A-Z0-9]{27}', { entropy: 3 }),
  token('new-relic-insert-key', 'New Relic insert key', 'NRII-[a-zA-Z0-9_-]{32}', { entropy: 3 }),
  token('new-relic-browser-api-token', 'New Relic browser API token', `NRJS-${HEX(19)}`, { entropy: 3 }),
  token('artifactory-api-key', 'JFrog Artifactory API key', 'AKCp[A-Za-z0-9]{69}', { entropy: 4.5 }),
  token('artifactory-reference-token', 'JFrog Artifactory reference token', 'cmVmd[A-Za-z0-9]{59}', { entropy: 4.5 }),
  token(
    'harness-api-key',
    'Harness access token',
    '(?:pat|sat)\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}',
    {
      keywords: ['pat.', 'sat.'],
      entropy: 3.5,
    },
  ),
  token(
    'authress-access-key',
    'Authress service client access key',
    '(?:sc|ext|scauth|authress)_[a-zA-Z0-9]{5,30}\\.[a-zA-Z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[a-zA-Z0-9+/_=-]{30,120}',
    {
      keywords: ['.acc_', '.acc-'],
      entropy: 3,
    },
  ),
];

/** Source forges and CI. */
export const FORGE_TOKENS: SecretRule[] = [
  token('github-pat', 'GitHub personal access token', 'ghp_[0-9a-zA-Z]{36}', { entropy: 3 }),
  token('github-fine-grained-pat', 'GitHub fine-grained personal access token', 'github_pat_\\w{82}', { entropy: 3 }),
  token('github-oauth-token', 'GitHub OAuth access token', 'gho_[0-9a-zA-Z]{36}', { entropy: 3 }),
  token('github-app-token', 'GitHub App token', '(?:ghu|ghs)_[0-9a-zA-Z]{36}', {
    keywords: ['ghu_', 'ghs_'],
    entropy: 3,
  }),
  token('github-refresh-token', 'GitHub refresh token', 'ghr_[0-9a-zA-Z]{36}', { entropy: 3 }),
  token('gitlab-pat', 'GitLab personal access token', 'glpat-[\\w-]{20}(?:[\\w-]{7,280}\\.[0-9a-z]{9})?', {
    entropy: 3,
  }),
  token('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', `glptt-${HEX(40)}`, { entropy: 3 }),
  token('gitlab-runner-registration-token', 'GitLab runner registration token', 'GR1348941[\\w-]{20}', { entropy: 3 }),
  token('gitlab-runner-token', 'GitLab runner authentication token', 'glrt-[\\w-]{20,300}(?:\\.[0-9a-z]{9})?', {
    entropy: 3,
  }),
  token('gitlab-deploy-token', 'GitLab deploy token', 'gldt-[\\w-]{20}', { entropy: 3 }),
  token('gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-[0-9a-zA-Z]{1,5}_[\\w-]{20}', { entropy: 3 }),
  token('gitlab-feed-token', 'GitLab feed token', 'glft-[\\w-]{20}', { entropy: 3 }),
  token('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'glimt-[\\w-]{25}', { entropy: 3 }),
  token('gitlab-kubernetes-agent-token', 'GitLab Kubernetes agent token', 'glagent-[\\w-]{50}', { entropy: 3 }),
  token('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-[\\w-]{64}', { entropy: 3 }),
  token('gitlab-scim-token', 'GitLab SCIM token', 'glsoat-[\\w-]{20}', { entropy: 3 }),
  token('gitlab-feature-flag-token', 'GitLab feature flag client token', 'glffct-[\\w-]{20}', { entropy: 3 }),
  token('gitlab-session-cookie', 'GitLab session cookie', '_gitlab_session=[0-9a-z]{32}', { entropy: 3 }),
  token('bitbucket-app-password', 'Bitbucket app password', 'ATBB[a-zA-Z0-9]{32}', { entropy: 3.5 }),
  token('atlassian-api-token', 'Atlassian API token', 'ATATT3[A-Za-z0-9_=-]{186}', { entropy: 3.5 }),
  token('sourcegraph-access-token', 'Sourcegraph access token', `sgp_(?:${HEX(16)}|local)_${HEX(40)}|sgp_${HEX(40)}`, {
    keywords: ['sgp_'],
    entropy: 3,
  }),
  token('linear-api-key', 'Linear API key', 'lin_api_[a-zA-Z0-9]{40}', { entropy: 3 }),
  token('postman-api-token', 'Postman API key', `PMAK-${HEX(24)}-${HEX(34)}`, { entropy: 3 }),
  token('readme-api-token', 'ReadMe API key', 'rdme_[a-z0-9]{70}', { entropy: 3 }),
  token('frameio-api-token', 'Frame.io API token', 'fio-u-[a-zA-Z0-9_=-]{64}', { entropy: 3 }),
  token('notion-api-token', 'Notion integration token', 'ntn_[0-9]{11}[A-Za-z0-9]{35}', { entropy: 4 }),
  token('notion-secret', 'Notion integration secret (legacy)', 'secret_[A-Za-z0-9]{43}', { entropy: 4.5 }),
  token('maxmind-license-key', 'MaxMind license key', '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', {
    keywords: ['_mmk'],
    entropy: 4,
  }),
  token('settlemint-token', 'SettleMint access token', 'sm_(?:aat|pat|sat)_[a-zA-Z0-9]{16}', {
    keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
    entropy: 3,
  }),
  token('intra42-client-secret', 'Intra42 client secret', `s-s4t2(?:ud|af)-${HEX(64)}`, { entropy: 3 }),
];

/** Chat and messaging. */
export const CHAT_TOKENS: SecretRule[] = [
  token('slack-bot-token', 'Slack bot token', 'xoxb-[0-9]{8,13}-[0-9]{8,13}[a-zA-Z0-9-]*', { entropy: 3 }),
  token('slack-user-token', 'Slack user token', 'xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}', {
    keywords: ['xoxp-', 'xoxe-'],
    entropy: 2.5,
  }),
  token('slack-app-token', 'Slack app-level token', 'xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+', { entropy: 2.5 }),
  token('slack-config-token', 'Slack configuration token', 'xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166}', {
    keywords: ['xoxe.xox'],
    entropy: 2.5,
  }),
  token('slack-config-refresh-token', 'Slack configuration refresh token', 'xoxe-\\d-[A-Z0-9]{146}', { entropy: 2.5 }),
  token('slack-legacy-token', 'Slack legacy token', 'xox[osar]-(?:\\d+-){0,3}[0-9a-zA-Z]{8,48}', {
    keywords: ['xoxo-', 'xoxs-', 'xoxa-', 'xoxr-'],
    entropy: 2.5,
  }),
  token(
    'slack-webhook-url',
    'Slack incoming webhook URL',
    'https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}',
    { keywords: ['hooks.slack.com'], severity: 'high' },
  ),
  token(
    'microsoft-teams-webhook',
    'Microsoft Teams incoming webhook URL',
    'https://[a-z0-9]+\\.webhook\\.office\\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9-]{36}',
    { keywords: ['webhook.office.com'], severity: 'high' },
  ),
  token(
    'discord-webhook-url',
    'Discord webhook URL',
    'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
    { keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'], severity: 'high' },
  ),
  token('discord-bot-token', 'Discord bot token', '[MN][A-Za-z\\d]{23,25}\\.[\\w-]{6}\\.[\\w-]{27,38}', {
    keywords: ['discord', 'bot '],
    entropy: 4,
  }),
  token('telegram-bot-token', 'Telegram bot token', '[0-9]{8,10}:AA[0-9A-Za-z_-]{33}', {
    keywords: [':aa'],
    entropy: 3.5,
  }),
  // Not keyed on "sk": that pair of letters is on a large share of all lines (task, disk, ask).
  token('twilio-api-key', 'Twilio API key', `SK${HEX(32)}`, { keywords: ['twilio'], entropy: 3 }),
  token('twilio-account-sid', 'Twilio account SID', `AC${HEX(32)}`, {
    keywords: ['twilio'],
    entropy: 3,
    severity: 'medium',
  }),
  token('sendgrid-api-token', 'SendGrid API key', 'SG\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9_-]{43}', { entropy: 3 }),
  token('sendinblue-api-token', 'Brevo (Sendinblue) API key', `xkeysib-${HEX(64)}-[a-zA-Z0-9]{16}`, { entropy: 3 }),
  token('mailgun-private-key', 'Mailgun private API key', `key-${HEX(32)}`, { keywords: ['mailgun'], entropy: 3 }),
  token('mailchimp-api-key', 'Mailchimp API key', `${HEX(32)}-us\\d{1,2}`, { keywords: ['-us'], entropy: 3 }),
];

/** Payment and commerce. */
export const PAYMENT_TOKENS: SecretRule[] = [
  token('stripe-secret-key', 'Stripe secret or restricted key', '(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}', {
    keywords: ['sk_test_', 'sk_live_', 'sk_prod_', 'rk_test_', 'rk_live_', 'rk_prod_'],
    entropy: 3,
  }),
  token('stripe-webhook-secret', 'Stripe webhook signing secret', 'whsec_[a-zA-Z0-9]{32,64}', { entropy: 3.5 }),
  token('square-access-token', 'Square access token', '(?:EAAA|sq0atp-)[\\w-]{22,60}', {
    keywords: ['eaaa', 'sq0atp-'],
    entropy: 3,
  }),
  token('square-oauth-secret', 'Square OAuth secret', 'sq0csp-[0-9A-Za-z_-]{43}', { entropy: 3 }),
  token('shopify-access-token', 'Shopify access token', 'shp(?:at|ca|pa)_[a-fA-F0-9]{32}', {
    keywords: ['shpat_', 'shpca_', 'shppa_'],
    entropy: 3,
  }),
  token('shopify-shared-secret', 'Shopify shared secret', 'shpss_[a-fA-F0-9]{32}', { entropy: 3 }),
  token(
    'paypal-braintree-token',
    'PayPal Braintree access token',
    'access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}',
    {
      keywords: ['access_token$production$'],
    },
  ),
  token('flutterwave-secret-key', 'Flutterwave secret key', 'FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X', {
    keywords: ['flwseck'],
    entropy: 3,
  }),
  token('flutterwave-encryption-key', 'Flutterwave encryption key', 'FLWSECK_TEST[a-hA-H0-9]{12}', { entropy: 2.5 }),
  token('duffel-api-token', 'Duffel API token', 'duffel_(?:test|live)_[a-zA-Z0-9_=-]{43}', { entropy: 3 }),
  token('easypost-api-token', 'EasyPost API key', 'EZ[AT]K[a-zA-Z0-9]{54}', { keywords: ['ezak', 'eztk'], entropy: 3 }),
  token('shippo-api-token', 'Shippo API token', 'shippo_(?:live|test)_[a-fA-F0-9]{40}', { entropy: 3 }),
  token('adobe-client-secret', 'Adobe client secret', 'p8e-[a-zA-Z0-9]{32}', { entropy: 3 }),
  token('facebook-page-access-token', 'Facebook access token', 'EAA[MC][a-zA-Z0-9]{100,}', {
    keywords: ['eaam', 'eaac'],
    entropy: 4,
  }),
  token('coinbase-api-secret', 'Coinbase API private key name', 'organizations/[0-9a-f-]{36}/apiKeys/[0-9a-f-]{36}', {
    keywords: ['/apikeys/'],
    severity: 'medium',
  }),
];

/** Package registries. */
export const REGISTRY_TOKENS: SecretRule[] = [
  token('npm-access-token', 'npm access token', 'npm_[a-zA-Z0-9]{36}', { entropy: 3 }),
  token('pypi-upload-token', 'PyPI upload token', 'pypi-AgEIcHlwaS5vcmc[\\w-]{50,1000}', { entropy: 3 }),
  token('rubygems-api-token', 'RubyGems API key', `rubygems_${HEX(48)}`, { entropy: 3 }),
  token('nuget-api-key', 'NuGet API key', 'oy2[a-z0-9]{43}', { entropy: 3.5 }),
  token('clojars-api-token', 'Clojars deploy token', 'CLOJARS_[a-zA-Z0-9]{60}', { entropy: 3 }),
  token('docker-hub-pat', 'Docker Hub personal access token', 'dckr_pat_[a-zA-Z0-9_-]{27}', { entropy: 3 }),
  token('docker-hub-oat', 'Docker Hub organization access token', 'dckr_oat_[a-zA-Z0-9_-]{32}', { entropy: 3 }),
  token('hex-api-key', 'Hex (Elixir) API key', 'hex_[a-zA-Z0-9]{32}', { entropy: 3.5 }),
];

/** AI providers. */
export const AI_TOKENS: SecretRule[] = [
  token(
    'openai-api-key',
    'OpenAI API key',
    'sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})',
    {
      keywords: ['t3blbkfj'],
      entropy: 3,
    },
  ),
  token('openai-project-key', 'OpenAI project API key', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,200}', {
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    entropy: 4,
  }),
  token('anthropic-api-key', 'Anthropic API key', 'sk-ant-(?:api03|admin01)-[a-zA-Z0-9_-]{93}AA', {
    keywords: ['sk-ant-api03', 'sk-ant-admin01'],
  }),
  token('huggingface-access-token', 'Hugging Face access token', 'hf_[a-zA-Z]{34}', { entropy: 3 }),
  token('huggingface-org-token', 'Hugging Face organization token', 'api_org_[a-zA-Z]{34}', { entropy: 3 }),
  token('perplexity-api-key', 'Perplexity API key', 'pplx-[a-zA-Z0-9]{48}', { entropy: 4 }),
  token('groq-api-key', 'Groq API key', 'gsk_[a-zA-Z0-9]{52}', { entropy: 4 }),
  token('xai-api-key', 'xAI API key', 'xai-[a-zA-Z0-9]{80}', { entropy: 4 }),
  token('replicate-api-token', 'Replicate API token', 'r8_[a-zA-Z0-9]{37}', { entropy: 3.5 }),
  token('google-ai-oauth-secret', 'Google OAuth client secret', 'GOCSPX-[a-zA-Z0-9_-]{28}', { entropy: 3.5 }),
];
