import { posix } from 'node:path';
import { InputError } from '@shipgate/core';
import type { Shell } from '@shipgate/exec';

/** The nginx files an action will touch or read, as the inputs name them. */
export interface NginxFiles {
  /** `nginx-upstream-file`: its directory must exist and be writable (the file itself may be new). */
  upstreamFile: string;
  /** `nginx-pid-file`, when given: must exist. */
  pidFile?: string | undefined;
  /** `nginx-access-log`, when the nginx-log metrics read it: must exist and be readable. */
  accessLog?: string | undefined;
}

/**
 * Checks, on the nginx host (the runner or over SSH), that the files the inputs name are where they should be,
 * before any record is written or any traffic moves. Reads only.
 * @throws InputError naming the input and the host.
 */
export async function checkNginxFiles(shell: Shell, files: NginxFiles): Promise<void> {
  const where = shell.describe();
  const test = async (flag: string, path: string): Promise<boolean> =>
    (await shell.run(['test', flag, path], { timeoutMs: 15_000 })).code === 0;
  const directory = posix.dirname(files.upstreamFile);
  if (!(await test('-d', directory))) {
    throw new InputError('nginx-upstream-file', files.upstreamFile, `a file in an existing directory on ${where}`, {
      hint: `${directory} does not exist on ${where}. Create it, or fix the path.`,
    });
  }
  if (!(await test('-w', directory))) {
    throw new InputError(
      'nginx-upstream-file',
      files.upstreamFile,
      `a file in a directory the user can write on ${where}`,
      { hint: `${directory} is not writable by the user the commands run as.` },
    );
  }
  if (files.pidFile !== undefined && !(await test('-f', files.pidFile))) {
    throw new InputError('nginx-pid-file', files.pidFile, `nginx's pid file, present on ${where}`, {
      hint: `${files.pidFile} does not exist: is nginx running, and is this the pid path of its configuration?`,
    });
  }
  if (files.accessLog !== undefined && !(await test('-r', files.accessLog))) {
    throw new InputError('nginx-access-log', files.accessLog, `a readable access log on ${where}`, {
      hint: `${files.accessLog} does not exist or cannot be read. Configure nginx to write it with Shipgate's log format (see the README).`,
    });
  }
}
