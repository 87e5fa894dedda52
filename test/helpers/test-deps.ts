/**
 * What this run may use besides Node, probed once by test/setup/global-setup.ts.
 * Outside CI a missing MariaDB or browser makes the tests that need it "not run" (with the
 * reason, counted by the summary reporter); in CI (`CI=true`) or `npm run test:all` (strict)
 * their absence fails the run.
 */
export interface TestDeps {
  strict: boolean;
  mariadb: { available: boolean; reason: string };
  browser: { path: string | null; reason: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDeps: TestDeps;
  }
}

/** Outside Vitest (`npm run bench` reuses the harnesses): everything is required, as in CI. */
const OUTSIDE_VITEST: TestDeps = {
  strict: true,
  mariadb: { available: true, reason: '' },
  browser: { path: null, reason: 'not under Vitest' },
};

/** This run's dependencies; 'vitest' is imported only under Vitest (it cannot be loaded outside). */
export async function testDeps(): Promise<TestDeps> {
  if (!process.env.VITEST) return OUTSIDE_VITEST;
  const { inject } = await import('vitest');
  return inject('testDeps');
}

/** The prefix the custom runner (test/setup/runner.ts) recognises to turn a failure into "not run". */
export const NOT_RUN_PREFIX = 'Not run: ';

/** Thrown by a helper when what a test needs is absent outside CI: the test, or its suite, is not run. */
export class NotRunError extends Error {
  constructor(readonly reason: string) {
    super(`${NOT_RUN_PREFIX}${reason}`);
    this.name = 'NotRunError';
  }
}

export function notRunReasonOf(message: string | undefined): string | null {
  return message?.startsWith(NOT_RUN_PREFIX) ? message.slice(NOT_RUN_PREFIX.length) : null;
}

/** Strictness from the environment alone (used where `inject` is not available). */
export function strictFromEnv(env: NodeJS.ProcessEnv, mode?: string): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return mode === 'all' || (ci !== '' && ci !== 'false' && ci !== '0');
}

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Why this suite or test was not run (a dependency absent outside CI). */
    notRun?: string;
  }
}
