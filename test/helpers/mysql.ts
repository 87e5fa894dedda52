import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { MysqlConfig } from '../../src/config/app-config';
import { NotRunError, testDeps } from './test-deps';

export const MYSQL_SERVER = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
  user: process.env.TEST_MYSQL_USER ?? 'root',
  password: process.env.TEST_MYSQL_PASSWORD ?? '',
};

export interface TestDatabase {
  config: MysqlConfig;
  /** Runs SQL on the test database with a plain connection (not through our code). */
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
  drop(): Promise<void>;
}

/**
 * A fresh MariaDB database for one test file, dropped afterwards. Without MariaDB, outside CI the
 * calling suite (or test) is not run, with the reason counted at the end of the run; in CI
 * (`CI=true`) or `npm run test:all` it fails, so that CI never passes with the SQL tests unrun.
 */
export async function createTestDatabase(prefix = 'ut'): Promise<TestDatabase> {
  const deps = await testDeps();
  if (!deps.mariadb.available && !deps.strict) throw new NotRunError(deps.mariadb.reason);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  let admin: mysql.Connection;
  try {
    admin = await mysql.createConnection({ ...MYSQL_SERVER, connectTimeout: 5_000 });
  } catch (error) {
    throw new Error(
      `MariaDB/MySQL is not reachable at ${MYSQL_SERVER.host}:${MYSQL_SERVER.port} as ${MYSQL_SERVER.user}: the SQL tests need it (README, "Tests"). ${(error as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const conn = await mysql.createConnection({ ...MYSQL_SERVER, database: name, multipleStatements: true });
  return {
    config: { ...MYSQL_SERVER, database: name },
    async query<T>(sql: string, params?: unknown[]): Promise<T> {
      const [rows] = await conn.query(sql, params);
      return rows as T;
    },
    async drop() {
      await conn.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
