import { TestRunner, type RunnerTask, type RunnerTestSuite } from 'vitest';
import { notRunReasonOf } from '../helpers/test-deps';

type Result = NonNullable<RunnerTask['result']>;

/** The reason if one of the errors is a NotRunError (a dependency absent outside CI). */
function notRunReason(result: Result | undefined): string | null {
  for (const error of result?.errors ?? []) {
    const reason = notRunReasonOf(error.message);
    if (reason) return reason;
  }
  return null;
}

function markNotRun(task: RunnerTask, reason: string): void {
  task.meta.notRun = reason;
  task.mode = 'skip';
  task.result = { ...task.result, state: 'skip', errors: undefined };
  // Shown by Vitest's reporters beside the skipped test, as for `ctx.skip(note)`.
  (task.result as { note?: string }).note = reason;
  if (task.type === 'suite') for (const child of task.tasks) markNotRun(child, reason);
}

/**
 * Vitest's runner, plus: a suite or test that failed only because a helper threw NotRunError
 * (MariaDB or the browser absent outside CI) is reported as not run, with its reason in
 * `meta.notRun`, instead of failed. Its afterAll errors (cleaning up what never started) go too.
 * In CI the helpers throw ordinary errors, so nothing is converted.
 */
export default class NotRunAwareRunner extends TestRunner {
  override async onAfterRunSuite(suite: RunnerTestSuite): Promise<void> {
    await super.onAfterRunSuite(suite);
    const reason = notRunReason(suite.result);
    if (reason) markNotRun(suite, reason);
  }

  override onAfterRunTask(test: RunnerTask): void {
    super.onAfterRunTask(test);
    const reason = notRunReason(test.result);
    if (reason) markNotRun(test, reason);
  }
}
