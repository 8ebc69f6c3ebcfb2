import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '@shipgate/core';
import { checkKnownHosts, entryMatches, knownHostsName, parseKnownHosts } from '@shipgate/exec';
import { checkSshDestination, normalisePrivateKey } from '@shipgate/exec';
import { sshFailureHint } from '@shipgate/exec';

const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('knownHostsName', () => {
  it('brackets the host on ports other than 22', () => {
    expect(knownHostsName('10.0.0.5', 22)).toBe('10.0.0.5');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('reads ssh-keyscan output, skipping comments and blank lines', () => {
    const text = `# 10.0.0.5:22 SSH-2.0-OpenSSH_9.2\n10.0.0.5 ssh-ed25519 ${KEY}\n\n@cert-authority *.example.com ssh-rsa ${KEY} ca\n`;
    expect(parseKnownHosts(text, '10.0.0.5', 22)).toEqual([
      { marker: undefined, patterns: ['10.0.0.5'], keyType: 'ssh-ed25519', line: 2 },
      { marker: '@cert-authority', patterns: ['*.example.com'], keyType: 'ssh-rsa', line: 4 },
    ]);
  });

  it('names the input and the line that is not a host key line', () => {
    expect(() => parseKnownHosts(`ssh-ed25519 ${KEY}`, 'h', 22)).toThrow(
      /^Input 'ssh-known-hosts' is not known_hosts text: line 1 has no host names/,
    );
    expect(() => parseKnownHosts(`h ssh-ed25519 ${KEY}\nnonsense`, 'h', 22)).toThrow(
      /line 2 is not "<hosts> <key type> <base64 key>"/,
    );
    expect(() => parseKnownHosts(`h ssh-ed25519 ${KEY}\nnonsense`, 'h', 22)).toThrow(InputError);
  });
});

describe('entryMatches', () => {
  const entry = (hosts: string) => parseKnownHosts(`${hosts} ssh-ed25519 ${KEY}`, 'x', 22)[0]!;
  it('follows ssh: names, [host]:port, wildcards, negations and hashed names', () => {
    expect(entryMatches(entry('10.0.0.5,app.example.com'), 'app.example.com', 22)).toBe(true);
    expect(entryMatches(entry('10.0.0.5'), '10.0.0.5', 2222)).toBe(false);
    expect(entryMatches(entry('[10.0.0.5]:2222'), '10.0.0.5', 2222)).toBe(true);
    expect(entryMatches(entry('*.example.com,!bad.example.com'), 'vm1.example.com', 22)).toBe(true);
    expect(entryMatches(entry('*.example.com,!bad.example.com'), 'bad.example.com', 22)).toBe(false);
    expect(entryMatches(entry(hashed('[10.0.0.5]:2222')), '10.0.0.5', 2222)).toBe(true);
    expect(entryMatches(entry(hashed('10.0.0.6')), '10.0.0.5', 22)).toBe(false);
  });
});

describe('checkKnownHosts', () => {
  it('wants a line for the host, and says how to get one', () => {
    expect(() => checkKnownHosts(`10.0.0.5 ssh-ed25519 ${KEY}`, '10.0.0.5', 22)).not.toThrow();
    const error = (() => {
      try {
        checkKnownHosts(`10.0.0.5 ssh-ed25519 ${KEY}`, '10.0.0.5', 2222);
      } catch (e) {
        return e as InputError;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toMatch(
      /^Input 'ssh-known-hosts' has no line for \[10\.0\.0\.5\]:2222, so ssh would refuse the host \(the lines name 10\.0\.0\.5\)/,
    );
    expect(error.hint).toMatch(/^Run 'ssh-keyscan -p 2222 10\.0\.0\.5' from a machine you trust/);
    expect(() => checkKnownHosts('', 'h', 22)).toThrow(/is required while host key checking is on/);
    expect(() => checkKnownHosts(`@revoked h ssh-ed25519 ${KEY}`, 'h', 22)).toThrow(/has no line for h/);
  });
});

describe('checkSshDestination', () => {
  it('refuses values ssh would read as options, and bad ports', () => {
    expect(() => checkSshDestination('10.0.0.5', 'deploy', 22)).not.toThrow();
    expect(() => checkSshDestination('-oProxyCommand=touch /tmp/x', 'deploy', 22)).toThrow(
      /^Input 'ssh-host' must be a host name/,
    );
    expect(() => checkSshDestination('vm', '-l', 22)).toThrow(/^Input 'ssh-user'/);
    expect(() => checkSshDestination('vm', 'deploy', 70000)).toThrow(
      /^Input 'ssh-port' must be a port number from 1 to 65535/,
    );
  });
});

describe('normalisePrivateKey', () => {
  const key =
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
  it('gives LF line ends and a final newline', () => {
    expect(normalisePrivateKey(`  ${key.replace(/\n/g, '\r\n')}  `)).toBe(`${key}\n`);
  });

  it('explains keys with their line breaks flattened, without echoing them', () => {
    const flat = key.replace(/\n/g, ' ');
    expect(() => normalisePrivateKey(flat)).toThrow(/Its line breaks seem to have become spaces/);
    expect(() => normalisePrivateKey(flat)).not.toThrow(/b3BlbnNzaC1/);
  });
});

describe('sshFailureHint', () => {
  const at = { host: 'vm', port: 22, user: 'deploy' };
  it.each([
    ['Host key verification failed.', /check ssh-known-hosts: run 'ssh-keyscan -p 22 vm'/],
    ['deploy@vm: Permission denied (publickey).', /authorized_keys/],
    ['ssh: connect to host vm port 22: Connection refused', /Nothing accepts SSH connections on vm port 22/],
    ['ssh: Could not resolve hostname vm: Name or service not known', /cannot resolve "vm"/],
    ['ssh: connect to host vm port 22: Connection timed out', /firewall/],
  ])('%s', (stderr, hint) => {
    expect(sshFailureHint(stderr, at)).toMatch(hint);
  });

  it('leaves other output alone: the remote command may exit 255 itself', () => {
    expect(sshFailureHint('my script failed', at)).toBeUndefined();
  });
});
