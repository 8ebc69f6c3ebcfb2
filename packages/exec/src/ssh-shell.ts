/**
 * The `Shell` on a remote host over SSH, with the system `ssh` client: the way teams deploy to VMs from
 * GitHub-hosted runners. One connection is opened and checked up front (`SshShell.open`) and reused by every
 * command (OpenSSH connection multiplexing), so a stage change costs one round trip per command, not a new
 * handshake each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ExecError } from '@shipgate/core';
import { checkKnownHosts, keyscanCommand } from './known-hosts.js';
import { inputProblem } from './input-problem.js';
import { quoteArgv } from './posix-quote.js';
import { createPrivateDir, type PrivateDir } from './private-dir.js';
import { MISSING_FILE_CODE, readFileArgv, removeFileArgv, writeFileArgv } from './remote-files.js';
import type { RunOptions, RunResult, Shell } from './shell.js';
import { runDaemonising, runProcess } from './spawn-process.js';
import { cleanSshOutput, SSH_FAILURE_CODE, sshFailureHint, type SshEndpoint } from './ssh-failure.js';
import { checkSshDestination, describeKeyLoadFailure, normalisePrivateKey, SSH_INPUTS } from './ssh-inputs.js';

/** Options of {@link SshShell.open}: the `ssh-*` inputs, read once by the action. */
export interface SshShellOptions {
  /** `ssh-host`: host name or IP address. */
  host: string;
  /** `ssh-user`. */
  user: string;
  /** `ssh-port`. Default 22. */
  port?: number;
  /** `ssh-key`: the private key's text (a secret), OpenSSH or PEM, without a passphrase. */
  privateKey: string;
  /** `ssh-known-hosts`: known_hosts lines for the host. Required unless host key checking is off. */
  knownHosts?: string;
  /** Host key checking; on unless explicitly `false`. Off, any host key is accepted and `warn` is called. */
  hostKeyChecking?: boolean;
  /** Receives warnings (host key checking off). Default: stderr. */
  warn?: (message: string) => void;
  /** Where the key file's private directory goes (the runner's RUNNER_TEMP). Default: the system temp dir. */
  tempDir?: string;
  /** Seconds to wait for the TCP connection. Default 15. */
  connectTimeoutSeconds?: number;
  /** The ssh and ssh-keygen binaries. Default `ssh`, `ssh-keygen` on PATH. */
  sshBinary?: string;
  sshKeygenBinary?: string;
}

/**
 * An idle shared connection closes itself after this long. The step ends it explicitly (`close`, and an exit hook
 * when the process ends first); this bounds how long an authenticated connection outlives a step that was killed
 * outright (SIGKILL). A step idle for longer (a long canary stage) opens a new one with its next command.
 */
const IDLE_CONNECTION_SECONDS = 30;

/** The warning ssh prints when the shared connection has gone and it connects on its own instead. */
const STALE_CONTROL_SOCKET = /^.*Control ?Socket connect\(.*\): .*\n?/gim;

/** Runs commands on a remote host through `ssh`, each argv element quoted for the remote POSIX shell. */
export class SshShell implements Shell {
  private closed = false;
  private connecting: Promise<void> | undefined;

  private constructor(
    private readonly endpoint: SshEndpoint,
    private readonly dir: PrivateDir,
    private readonly ssh: string,
    private readonly baseArgs: readonly string[],
  ) {}

  /**
   * Checks the settings, writes the key to a private temp file, checks that ssh can load it, and opens the
   * shared connection, so every problem shows before anything on the host changes.
   * @throws InputError naming the input (`ssh-key`, `ssh-known-hosts`, ...) for bad settings; the key never
   *   appears in a message.
   * @throws ExecError for connection failures (refused, host key mismatch, login refused), with a hint.
   */
  static async open(options: SshShellOptions): Promise<SshShell> {
    const port = options.port ?? 22;
    const endpoint: SshEndpoint = { host: options.host, user: options.user, port };
    checkSshDestination(options.host, options.user, port);
    const key = normalisePrivateKey(options.privateKey);
    const checking = options.hostKeyChecking !== false;
    if (checking) checkKnownHosts(options.knownHosts ?? '', options.host, port);

    const dir = createPrivateDir('ssh', options.tempDir);
    try {
      const keyFile = dir.join('key');
      writeFileSync(keyFile, key, { mode: 0o600 });
      await checkKeyLoads(options.sshKeygenBinary ?? 'ssh-keygen', keyFile);
      let hostKeyArgs: string[];
      if (checking) {
        writeFileSync(dir.join('known_hosts'), `${options.knownHosts ?? ''}\n`, { mode: 0o600 });
        hostKeyArgs = ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${dir.join('known_hosts')}`];
      } else {
        hostKeyArgs = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
        (options.warn ?? ((m: string) => process.stderr.write(`Warning: ${m}\n`)))(
          `Host key checking is off for ${options.host}: ssh accepts whatever key the host presents, so a machine in the middle could take the connection. ` +
            `Set ${SSH_INPUTS.knownHosts} (from '${keyscanCommand(options.host, port)}') and leave ${SSH_INPUTS.hostKeyChecking} on.`,
        );
      }
      const baseArgs = [
        // Only these options count: no ~/.ssh/config or agent can redirect the connection or offer other keys.
        '-F',
        '/dev/null',
        '-p',
        String(port),
        '-i',
        keyFile,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'IdentityAgent=none',
        '-o',
        'BatchMode=yes',
        ...hostKeyArgs,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        '-o',
        'UpdateHostKeys=no',
        '-o',
        'CheckHostIP=no',
        '-o',
        `ConnectTimeout=${options.connectTimeoutSeconds ?? 15}`,
        '-o',
        'ServerAliveInterval=15',
        '-o',
        'ServerAliveCountMax=4',
        '-o',
        'LogLevel=ERROR',
        '-o',
        `ControlPath=${dir.join('control')}`,
      ];
      const shell = new SshShell(endpoint, dir, options.sshBinary ?? 'ssh', baseArgs);
      // If the process ends without close() (a cancelled job), the master is ended before its directory goes.
      dir.atExit(() => shell.endMasterNow());
      await shell.connect();
      return shell;
    } catch (error) {
      dir.remove();
      throw error;
    }
  }

  private get destination(): string {
    return `${this.endpoint.user}@${this.endpoint.host}`;
  }

  private get controlPath(): string {
    return this.dir.join('control');
  }

  /** The shared connection, opened again if it closed itself while idle; one opening at a time. */
  private async ensureConnected(): Promise<void> {
    if (existsSync(this.controlPath)) return;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    await this.connecting;
  }

  /** Starts the shared connection in the background; its stderr goes to a log file (see runDaemonising). */
  private async connect(): Promise<void> {
    const log = this.dir.join('connect.log');
    const argv = [
      this.ssh,
      ...this.baseArgs,
      '-o',
      'ControlMaster=yes',
      '-o',
      `ControlPersist=${IDLE_CONNECTION_SECONDS}`,
      '-N',
      '-f',
      '--',
      this.destination,
    ];
    const code = await runDaemonising(argv, { logFile: log, label: `ssh ${this.describe()}` });
    if (code === 0) return;
    const output = cleanSshOutput(readFileSync(log, 'utf8'));
    throw new ExecError(`ssh ${this.describe()}`, code, output, {
      hint:
        sshFailureHint(output, this.endpoint) ??
        `Check ${SSH_INPUTS.host}, ${SSH_INPUTS.port}, ${SSH_INPUTS.user} and ${SSH_INPUTS.key}.`,
    });
  }

  run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return this.exec(argv, options, quoteArgv(argv));
  }

  /** Runs `argv` remotely; `what` names it in errors (file operations name the file, not their script). */
  private async exec(argv: readonly string[], options: RunOptions, what: string): Promise<RunResult> {
    const label = `ssh ${this.describe()} ${what}`;
    if (this.closed) throw new ExecError(label, null, 'the SSH shell is closed');
    if (argv.length === 0) throw new ExecError(label, null, 'the command is empty');
    await this.ensureConnected();
    const sshArgv = [this.ssh, ...this.baseArgs, '-o', 'ControlMaster=no', '--', this.destination, quoteArgv(argv)];
    const result = await runProcess(sshArgv, { ...options, label });
    const stderr = result.stderr.replace(STALE_CONTROL_SOCKET, '');
    if (result.code === SSH_FAILURE_CODE) {
      const hint = sshFailureHint(stderr, this.endpoint);
      if (hint) throw new ExecError(label, result.code, cleanSshOutput(stderr), { hint });
    }
    return { ...result, stderr };
  }

  async readFile(path: string): Promise<string | undefined> {
    const result = await this.exec(readFileArgv(path), {}, `read ${path}`);
    if (result.code === MISSING_FILE_CODE) return undefined;
    if (result.code !== 0)
      throw new ExecError(`read ${path} on ${this.describe()}`, result.code, result.stderr, {
        hint: `${this.endpoint.user} needs read access to ${path}.`,
      });
    return result.stdout;
  }

  async writeFileAtomic(path: string, content: string): Promise<void> {
    const result = await this.exec(writeFileArgv(path), { input: content }, `write ${path}`);
    if (result.code !== 0) {
      throw new ExecError(`write ${path} on ${this.describe()}`, result.code, result.stderr, {
        hint: `${this.endpoint.user} needs write access to ${path} and to its directory (the new file is renamed into place).`,
      });
    }
  }

  async removeFile(path: string): Promise<void> {
    const result = await this.exec(removeFileArgv(path), {}, `remove ${path}`);
    if (result.code !== 0) throw new ExecError(`remove ${path} on ${this.describe()}`, result.code, result.stderr);
  }

  describe(): string {
    const host = this.endpoint.host.includes(':') ? `[${this.endpoint.host}]` : this.endpoint.host;
    return `${this.endpoint.user}@${host}${this.endpoint.port === 22 ? '' : `:${this.endpoint.port}`}`;
  }

  /** Removes the key file first (the connection does not need it), then ends the shared connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      rmSync(this.dir.join('key'), { force: true });
      await this.connecting?.catch(() => undefined);
      if (existsSync(this.controlPath))
        await runProcess([this.ssh, ...this.baseArgs, '-O', 'exit', '--', this.destination], { timeoutMs: 10_000 });
    } catch {
      // The connection may be gone already; the key file is what must not survive.
    } finally {
      this.dir.remove();
    }
  }

  /** close() for an exit hook, where nothing asynchronous runs: ends the master while its socket is still there. */
  private endMasterNow(): void {
    if (!existsSync(this.controlPath)) return;
    spawnSync(this.ssh, [...this.baseArgs, '-O', 'exit', '--', this.destination], { stdio: 'ignore', timeout: 5000 });
  }
}

/** ssh-keygen -y loads the key the way ssh will (and prints only the public key). */
async function checkKeyLoads(sshKeygen: string, keyFile: string): Promise<void> {
  const result = await runProcess([sshKeygen, '-y', '-P', '', '-f', keyFile], { timeoutMs: 15_000 });
  if (result.code === 0) return;
  const { problem, hint } = describeKeyLoadFailure(result.stderr + result.stdout);
  throw inputProblem(SSH_INPUTS.key, problem, hint);
}
