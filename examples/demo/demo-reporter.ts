import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * The demo's reporter: prints what the demo prints and nothing of Vitest's own report, then, when a run did not
 * end as the demo expects, the failed expectation. Vitest sets the exit code.
 */
export default class DemoReporter implements Reporter {
  onUserConsoleLog(log: UserConsoleLog): void {
    (log.type === 'stderr' ? process.stderr : process.stdout).write(log.content);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const problems: string[] = [];
    for (const module of testModules) {
      for (const error of module.errors()) problems.push(`${module.moduleId}: ${error.message}`);
      for (const test of module.children.allTests()) {
        for (const error of test.result().errors ?? []) problems.push(`${test.name}:\n${error.stack ?? error.message}`);
      }
    }
    for (const error of unhandledErrors) problems.push(String(error));
    if (problems.length) process.stderr.write(`\nPart 2 did not go as expected:\n${problems.join('\n\n')}\n`);
  }
}
