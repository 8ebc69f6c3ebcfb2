/**
 * The environment that repository content (`${env:NAME}` in probe files) and user commands may see: the job's,
 * without the step's inputs and the runner's credentials, which would otherwise reach a probed server or a
 * script (`${env:INPUT_TOKEN}`). A variable the user names in `allow` is kept.
 */
const HIDDEN = [/^INPUT_/, /^STATE_/, /^ACTIONS_/, /^GITHUB_TOKEN$/, /^GH_TOKEN$/];

export function childEnvironment(env: NodeJS.ProcessEnv, allow: readonly string[] = []): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (HIDDEN.some((pattern) => pattern.test(name)) && !allow.includes(name)) continue;
    result[name] = value;
  }
  return result;
}
