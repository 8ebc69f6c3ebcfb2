import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { requireBinary } from '../require-binary.js';
import { LOOPBACK, readBanner, withFreePort } from './free-port.js';
import { ManagedProcess } from './managed-process.js';
import { runCommand, type CommandResult } from './run-command.js';
import { generateKeyPair, knownHostsLine } from './ssh-keys.js';
import { createTempDir } from './temp-dir.js';

/** Options of {@link startSshd}. */
export interface SshdOptions {
  port?: number;
  /** Readiness deadline (SSH banner). Default 10 000 ms. */
  startTimeoutMs?: number;
}

/** Per-call overrides of {@link Sshd.exec}, e.g. to prove that a wrong key or host key is refused. */
export interface SshExecOptions {
  /** Private key to offer instead of the fixture's. */
  identityFile?: string;
  /** known_hosts file to check the server against instead of the fixture's. */
  knownHostsFile?: string;
  /** Written to the remote command's stdin. */
  input?: string;
  /** Default 30 000 ms. */
  timeoutMs?: number;
}

/** A running sshd that accepts one key for the current user. */
export interface Sshd {
  readonly host: string;
  readonly port: number;
  /** The user to log in as: whoever runs the tests (root in CI). */
  readonly user: string;
  readonly privateKeyPath: string;
  /** The private key's text, as a workflow secret would hold it. */
  readonly privateKey: string;
  /** `[127.0.0.1]:<port> ssh-ed25519 AAAA...`. */
  readonly knownHostsLine: string;
  /** A known_hosts file holding {@link knownHostsLine}. */
  readonly knownHostsFile: string;
  readonly configPath: string;
  readonly pid: number;
  /** ssh arguments up to and including the destination: append a remote command. */
  sshArgs(options?: Pick<SshExecOptions, 'identityFile' | 'knownHostsFile'>): string[];
  /** Runs `command` over a real ssh connection with strict host key checking. Never throws for exit codes. */
  exec(command: string, options?: SshExecOptions): Promise<CommandResult>;
  /** Captured sshd output, for messages. */
  log(): string;
  /** Stops sshd and removes its keys and config. Idempotent. */
  stop(): Promise<void>;
}

/** Key-only sshd configuration; every path points into the fixture's temp dir. */
function renderSshdConfig(c: {
  port: number;
  hostKey: string;
  pidFile: string;
  authorizedKeys: string;
  user: string;
}): string {
  return `# Written by the Shipgate sshd test fixture.
Port ${c.port}
ListenAddress ${LOOPBACK}
HostKey ${c.hostKey}
PidFile ${c.pidFile}
AuthorizedKeysFile ${c.authorizedKeys}
AllowUsers ${c.user}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
# The temp dir is not owned the way sshd demands of a home directory.
StrictModes no
UseDNS no
PrintMotd no
LogLevel INFO
Subsystem sftp internal-sftp
`;
}

/**
 * Starts OpenSSH's sshd on a free port of 127.0.0.1 with a fresh host key and one authorised user key,
 * and waits for its SSH banner.
 */
export function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  return withFreePort((port) => launch(options, port), options.port);
}

async function launch(options: SshdOptions, port: number): Promise<Sshd> {
  // sshd refuses relative paths (it re-executes itself) and needs its privilege separation directory.
  const bin = requireBinary('sshd');
  const ssh = requireBinary('ssh');
  const dir = createTempDir('sshd');
  let proc: ManagedProcess | undefined;
  try {
    try {
      mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    } catch {
      // Not root: sshd then runs without privilege separation, or says in its log what it misses.
    }
    const user = userInfo().username;
    const hostKey = await generateKeyPair(dir.join('ssh_host_ed25519_key'), 'shipgate-host');
    const userKey = await generateKeyPair(dir.join('id_ed25519'), `${user}@shipgate-test`);
    const authorizedKeys = dir.join('authorized_keys');
    writeFileSync(authorizedKeys, `${userKey.publicKey}\n`, { mode: 0o600 });
    const hostLine = knownHostsLine(LOOPBACK, port, hostKey.publicKey);
    const knownHostsFile = dir.join('known_hosts');
    writeFileSync(knownHostsFile, `${hostLine}\n`);
    const configPath = dir.join('sshd_config');
    writeFileSync(
      configPath,
      renderSshdConfig({ port, hostKey: hostKey.privateKeyPath, pidFile: dir.join('sshd.pid'), authorizedKeys, user }),
    );

    proc = ManagedProcess.start({ name: 'sshd', command: bin, args: ['-D', '-e', '-f', configPath], cwd: dir.path });
    await proc.waitUntilReady(async () => (await readBanner(port))?.startsWith('SSH-2.0'), {
      timeoutMs: options.startTimeoutMs ?? 10_000,
      description: `the SSH-2.0 banner on ${LOOPBACK}:${port}`,
    });
    const server = proc;
    let stopping: Promise<void> | undefined;

    const sshArgs = (o: Pick<SshExecOptions, 'identityFile' | 'knownHostsFile'> = {}) => [
      '-F',
      '/dev/null',
      '-i',
      o.identityFile ?? userKey.privateKeyPath,
      '-p',
      String(port),
      '-o',
      `UserKnownHostsFile=${o.knownHostsFile ?? knownHostsFile}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'IdentityAgent=none',
      '-o',
      'ConnectTimeout=10',
      '-o',
      'LogLevel=ERROR',
      `${user}@${LOOPBACK}`,
    ];

    return {
      host: LOOPBACK,
      port,
      user,
      privateKeyPath: userKey.privateKeyPath,
      privateKey: userKey.privateKey,
      knownHostsLine: hostLine,
      knownHostsFile,
      configPath,
      pid: server.pid,
      sshArgs,
      exec(command, o = {}) {
        return runCommand(ssh, [...sshArgs(o), command], { input: o.input, timeoutMs: o.timeoutMs });
      },
      log: () => server.log(),
      stop() {
        stopping ??= server.stop().then(() => dir.remove());
        return stopping;
      },
    };
  } catch (error) {
    await proc?.stop();
    dir.remove();
    throw error;
  }
}
