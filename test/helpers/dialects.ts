import { describe, inject } from 'vitest';
import type { Dialect } from './dialect-database';
import './test-deps';

export { createDialectDatabase, fixed, type Dialect, type DialectDatabase } from './dialect-database';

/** Both databases the app runs on: SQLite always, MariaDB when this run has it. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'mariadb'];

/**
 * `describe` once per dialect, named "<name> on <dialect>". The MariaDB one is not run outside CI
 * when MariaDB is absent (reported at the end of the run); in CI its absence fails.
 */
export function describeDialects(name: string, fn: (dialect: Dialect) => void): void {
  const deps = inject('testDeps');
  for (const dialect of DIALECTS) {
    const notRun =
      dialect === 'mariadb' && !deps.mariadb.available && !deps.strict ? deps.mariadb.reason : undefined;
    describe(`${name} on ${dialect}`, notRun ? { skip: true, meta: { notRun } } : {}, () => fn(dialect));
  }
}
