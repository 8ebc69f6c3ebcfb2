import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWLIST } from './default-allowlist.js';
import { DEFAULT_RULES } from './rules/index.js';
import { SecretScanner } from './scanner.js';
import { pattern, token } from './rules/build.js';
import { ALPHABETS, labelledSamples, SeededRandom } from './testing/index.js';

const scanner = new SecretScanner({ rules: DEFAULT_RULES, allowlist: DEFAULT_ALLOWLIST });
const random = new SeededRandom(7);
const pat = () => `ghp_${random.chars(ALPHABETS.alnum, 36)}`;
const overlapping = (a: string, b: string) => a.includes(b) || b.includes(a);

describe('SecretScanner with the default rules', () => {
  const samples = labelledSamples(42, 2);

  it.each(samples.filter((s) => s.secret).map((s) => [s.kind, s] as const))('finds a planted %s', (_kind, sample) => {
    const findings = scanner.scan(sample.file, sample.text);
    expect(findings.some((f) => overlapping(f.secret!, sample.secret!))).toBe(true);
    expect(findings.filter((f) => !overlapping(f.secret!, sample.secret!))).toEqual([]);
  });

  it.each(samples.filter((s) => !s.secret).map((s) => [s.kind, s] as const))('does not fire on %s', (_kind, sample) => {
    expect(scanner.scan(sample.file, sample.text)).toEqual([]);
  });

  it('locates the secret: line, column and end column (1-based, end exclusive)', () => {
    const token = pat();
    const [finding, ...rest] = scanner.scan('src/a.ts', `// header\n\nconst t = "${token}";\n`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      scanner: 'secrets',
      ruleId: 'github-pat',
      severity: 'critical',
      location: { file: 'src/a.ts', line: 3, column: 12, endLine: 3, endColumn: 12 + 40 },
    });
  });

  it('never puts the secret in the message or snippet, only its first four characters and its length', () => {
    const token = pat();
    const [finding] = scanner.scan('src/a.ts', `const t = "${token}";\n`);
    expect(finding?.message).toBe('GitHub personal access token: ghp_…(40 chars)');
    expect(finding?.snippet).toBe('ghp_…(40 chars)');
    expect(JSON.stringify({ ...finding, secret: undefined })).not.toContain(token.slice(4));
    expect(finding?.secret).toBe(token);
  });

  it('redacts every secret of the line in a snippet, not only its own', () => {
    const first = `sk_live_${random.chars(ALPHABETS.alnum, 24)}`;
    const second = random.chars(ALPHABETS.alnum, 20) + '7Q';
    const findings = scanner.scan('.env', `PAYMENT_SECRET="${first}" API_TOKEN="${second}"\n`);
    expect(findings).toHaveLength(2);
    for (const f of findings) expect(f.snippet).not.toMatch(new RegExp(`${first.slice(8)}|${second.slice(4)}`));
  });

  it('keeps a fingerprint when the line moves, and changes it with the file or the value', () => {
    const token = pat();
    const [before] = scanner.scan('src/a.ts', `const t = "${token}";\n`);
    const [after] = scanner.scan('src/a.ts', `import x from 'y';\n\n\nconst t = "${token}";\n`);
    const [elsewhere] = scanner.scan('src/b.ts', `const t = "${token}";\n`);
    expect(after?.location?.line).toBe(4);
    expect(after?.fingerprint).toBe(before?.fingerprint);
    expect(elsewhere?.fingerprint).not.toBe(before?.fingerprint);
  });

  it('accepts a line marked shipgate:allow or gitleaks:allow', () => {
    expect(scanner.scan('a.ts', `const t = "${pat()}"; // shipgate:allow\n`)).toEqual([]);
    expect(scanner.scan('a.py', `t = "${pat()}"  # gitleaks:allow\n`)).toEqual([]);
  });

  it('reports one finding per value: the provider rule over the generic one', () => {
    const findings = scanner.scan('.env', `GITHUB_TOKEN=${pat()}\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });

  it('finds a secret inside a very long line (minified code) by scanning around the keyword', () => {
    const token = pat();
    const filler = 'a=function(b){return b*2};'.repeat(8000);
    const findings = scanner.scan('dist/app.min.js', `${filler}var k="${token}";${filler}\n`);
    expect(findings.map((f) => f.secret)).toEqual([token]);
    expect(findings[0]?.location?.column).toBe(filler.length + 8);
  });

  it('skips binary files and allowlisted paths (lockfiles, vendored code)', () => {
    const text = `token: "${pat()}"\n`;
    expect(scanner.scan('assets/blob.dat', `\u0000\u0001${text}`)).toEqual([]);
    expect(scanner.scan('yarn.lock', text)).toEqual([]);
    expect(scanner.scan('node_modules/x/index.js', text)).toEqual([]);
    expect(scanner.scan('vendor/github.com/x/y.go', text)).toHaveLength(0);
    expect(scanner.scan('src/x.yaml', text)).toHaveLength(1);
  });
});

describe('the generic rules', () => {
  const ids = (file: string, text: string) => scanner.scan(file, text).map((f) => f.ruleId);

  it.each([
    ['config/app.yaml', 'db:\n  password: Zq8kW2mP4x\n'],
    ['.env', 'ADMIN_PASS=Zq8kW2mP4x!'],
    ['src/db.ts', 'const dbPassword = "Zq8kW2mP4x!";'],
    ['app.properties', 'spring.datasource.password=Zq8kW2mP4x'],
    ['settings.xml', '<server><id>repo</id><password>Zq8kW2mP4x</password></server>'],
  ])('reports a password in %s', (file, text) => {
    expect(ids(file, text)).toEqual(['generic-password']);
  });

  it.each([
    ['src/nav.ts', 'const compass = "Zq8kW2mP4x!";'],
    ['src/form.ts', 'const passwordHint = "Zq8kW2mP4x!";'],
    ['src/db.ts', 'const password = dbConfig.password;'],
    ['src/db.py', 'password = get_password()'],
    ['.env', 'DB_PASSWORD=${DB_PASSWORD}'],
    ['config/app.yaml', 'password: !vault |'],
    ['config/app.yaml', 'password: "{{ vault_db_password }}"'],
    // Shapes met scanning real packages (node_modules): argument lists, regex sources, messages, code.
    ['src/pkcs.js', "forge.pkcs12.toPkcs12Asn1(key, cert, 'password', {legacy: true});"],
    ['src/url.ts', 'return withCredentials(password, `user${suffix}`);'],
    ['src/rules.ts', "token('x-feed-token', 'Feed token', 'glft-[0-9a-zA-Z_-]{20}'),"],
    ['lib/ja/messages.json', '"Unexpected_token_expected_1068": "予期しないトークンです。コンストラクター"'],
    ['lib/parser.mjs', 'nextLastSignificantToken = "?NonNullAssertion";'],
    ['package.json', '"build": "tool --pass-arg=asynchronousModuleDefinitions"'],
  ])('does not report %s: %s', (file, text) => {
    expect(ids(file, text)).toEqual([]);
  });

  it('reports a random API key assigned to a secret-like name, not a word or an identifier', () => {
    expect(ids('config/app.json', '{"stripeSecretKey": "q8Zk2LmN4pR7tV1xB3cD5fG7"}')).toEqual(['generic-api-key']);
    expect(ids('config/app.json', '{"apiKeyHeader": "X-Api-Key-Value-Name"}')).toEqual([]);
    expect(ids('config/app.yaml', 'secret_key: settings.SECRET_KEY_VALUE')).toEqual([]);
    expect(ids('config/app.yaml', 'public_key: q8Zk2LmN4pR7tV1xB3cD5fG7')).toEqual([]);
  });

  it('judges a repeated name the same way each time, past the bound of remembered names', () => {
    // 5000 names assigned a call (no secret): more than the scanner remembers, so it forgets and judges them again.
    const calls = Array.from({ length: 5000 }, (_, i) => `user${i}_token = read(x);`).join('\n');
    const text = `${calls}\nif (api_key.valid) use(api_key);\napi_key = "q8Zk2LmN4pR7tV1xB3cD5fG7"\nkey_hint = "q8Zk2LmN4pR7tV1xB3cD5fG7"\n`;
    const found = scanner.scan('src/app.js', text);
    expect(found.map((f) => [f.ruleId, f.location?.line])).toEqual([['generic-api-key', 5002]]);
    // The same scanner, again: the remembered verdicts give the same findings.
    expect(scanner.scan('src/app.js', text)).toEqual(found);
    expect(scanner.scan('src/other.js', 'user7_token = "q8Zk2LmN4pR7tV1xB3cD5fG7"')).toHaveLength(1);
  });
});

describe('SecretScanner settings', () => {
  const rule = token('demo-token', 'Demo token', 'demo_[a-z0-9]{16}', { entropy: 3 });

  it('applies the entropy minimum to the captured value', () => {
    const s = new SecretScanner({ rules: [rule] });
    expect(s.scan('a', 'x = demo_aaaaaaaabbbbbbbb')).toEqual([]);
    expect(s.scan('a', 'x = demo_k3j9x2m8q7w1z5v4')).toHaveLength(1);
  });

  it('applies global stopwords and value regexes, and rule allowlists on secret, match, line and path', () => {
    const value = 'demo_k3j9x2m8q7w1z5v4';
    expect(new SecretScanner({ rules: [rule], allowlist: { stopwords: ['Q7W1'] } }).scan('a', value)).toEqual([]);
    expect(new SecretScanner({ rules: [rule], allowlist: { regexes: [/v4$/] } }).scan('a', value)).toEqual([]);
    const withList = (allowlists: NonNullable<typeof rule.allowlists>) =>
      new SecretScanner({ rules: [{ ...rule, allowlists }] });
    expect(withList([{ regexTarget: 'line', regexes: [/^# doc/] }]).scan('a', `# doc ${value}`)).toEqual([]);
    expect(withList([{ regexTarget: 'match', regexes: [/k3j9/] }]).scan('a', value)).toEqual([]);
    expect(withList([{ paths: [/^test\//] }]).scan('test/a', value)).toEqual([]);
    expect(withList([{ paths: [/^test\//] }]).scan('src/a', value)).toHaveLength(1);
    // AND: both the value and the path must match.
    const both = withList([{ condition: 'and', paths: [/^test\//], regexes: [/v4$/] }]);
    expect(both.scan('test/a', value)).toEqual([]);
    expect(both.scan('src/a', value)).toHaveLength(1);
  });

  it('runs a rule without keywords on every line (imported rules)', () => {
    const anywhere = pattern('no-keywords', 'No keywords', String.raw`\b(zz[0-9]{12})\b`, []);
    expect(new SecretScanner({ rules: [anywhere] }).scan('a', 'one\ntwo zz482910573920\n')[0]?.location).toMatchObject({
      line: 2,
      column: 5,
    });
  });

  it('refuses a rule whose regex is not global, naming it', () => {
    expect(() => new SecretScanner({ rules: [{ ...rule, regex: /demo/ }] })).toThrow("Secret rule 'demo-token'");
  });
});
