import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { findBrowser } from '../helpers/browser';
import { MYSQL_SERVER } from '../helpers/mysql';
import { strictFromEnv, type TestDeps } from '../helpers/test-deps';

async function probeMariaDb(): Promise<TestDeps['mariadb']> {
  const where = `${MYSQL_SERVER.host}:${MYSQL_SERVER.port}`;
  try {
    const conn = await mysql.createConnection({ ...MYSQL_SERVER, connectTimeout: 2_000 });
    await conn.end();
    return { available: true, reason: '' };
  } catch {
    return { available: false, reason: `MariaDB not reachable at ${where}` };
  }
}

/** Probes MariaDB and the browser once per run; the tests read the result with `testDeps()`. */
export default async function setup(project: TestProject): Promise<void> {
  // `vitest run --mode all` (npm run test:all) is as strict as CI.
  const strict = strictFromEnv(process.env, project.vite.config.mode);
  const deps: TestDeps = { strict, mariadb: await probeMariaDb(), browser: findBrowser() };
  project.provide('testDeps', deps);
}
