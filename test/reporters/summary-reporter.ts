import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

function notRunReason(entity: TestCase | TestSuite | TestModule): string | undefined {
  for (let e: TestCase | TestSuite | TestModule = entity; ; e = e.parent) {
    const reason = e.meta().notRun;
    if (reason) return reason;
    if (e.type === 'module') return undefined;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Prints what was not run and why (a dependency absent outside CI; test/setup/runner.ts), one line
 * per reason, then the plain closing line CI reads: `N passed, N failed[, N skipped]`. A suite whose
 * hooks failed (a failed beforeAll skips its tests) or a file that failed to load counts as failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // Per reason: files not run at all, and tests not run in files that ran otherwise.
    const notRun = new Map<string, { files: number; partFiles: number; partTests: number }>();
    for (const module of testModules) {
      for (const suite of [module, ...module.children.allSuites()]) {
        if (suite.errors().length > 0 && !notRunReason(suite)) failed += 1;
      }
      if (module.state() === 'failed' && module.errors().length === 0 && !module.children.size) failed += 1;
      const tests = [...module.children.allTests()];
      const byReason = new Map<string, number>();
      for (const test of tests) {
        const state = test.result().state;
        const reason = state === 'skipped' ? notRunReason(test) : undefined;
        if (reason) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
        else if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      for (const [reason, count] of byReason) {
        const entry = notRun.get(reason) ?? { files: 0, partFiles: 0, partTests: 0 };
        if (count === tests.length) entry.files += 1;
        else {
          entry.partFiles += 1;
          entry.partTests += count;
        }
        notRun.set(reason, entry);
      }
    }
    failed += unhandledErrors.length;
    let out = '\n';
    for (const [reason, { files, partFiles, partTests }] of notRun) {
      const parts: string[] = [];
      if (files > 0) parts.push(`${plural(files, 'file')} not run`);
      if (partFiles > 0) {
        parts.push(
          `${plural(partTests, 'test')} in ${plural(partFiles, files > 0 ? 'other file' : 'file')} not run`,
        );
      }
      out += `${reason}: ${parts.join(', ')}; CI runs them\n`;
    }
    out += `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.stdout.write(out);
  }
}
