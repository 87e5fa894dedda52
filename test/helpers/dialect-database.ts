import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MysqlConfig } from '../../src/config/app-config';
import { mysqlEnv } from './app';
import { createTestDatabase } from './mysql';

// No 'vitest' import here: `npm run bench` uses the harnesses built on this file.

export type Dialect = 'sqlite' | 'mariadb';

/** The few methods of better-sqlite3 (a dependency of the app, without bundled types) used here. */
interface SqliteConnection {
  prepare(sql: string): {
    reader: boolean;
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): unknown;
  };
  exec(sql: string): void;
  pragma(pragma: string): unknown;
  close(): void;
}
const Database = createRequire(__filename)('better-sqlite3') as new (path: string) => SqliteConnection;

/** A fresh database of one dialect for one suite: the app's environment for it, plain SQL on it, and its removal. */
export interface DialectDatabase {
  dialect: Dialect;
  /** DB_TYPE and the connection variables, to spread into `testEnv()`. */
  env: Record<string, string>;
  /** The MariaDB connection settings (null on SQLite). */
  mysql: MysqlConfig | null;
  /** Runs SQL with a plain connection of its own (not through our code). */
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
  drop(): Promise<void>;
}

export async function createDialectDatabase(dialect: Dialect, prefix = 'ut'): Promise<DialectDatabase> {
  if (dialect === 'mariadb') {
    const db = await createTestDatabase(prefix);
    return {
      dialect,
      env: mysqlEnv(db.config),
      mysql: db.config,
      query: (sql, params) => db.query(sql, params),
      drop: () => db.drop(),
    };
  }
  // A file, not ':memory:', so that the test's own connection sees what the app writes.
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const path = join(dir, 'test.sqlite');
  const conn = new Database(path);
  conn.pragma('busy_timeout = 5000');
  return {
    dialect,
    env: { DB_TYPE: 'sqlite', SQLITE_PATH: path },
    mysql: null,
    async query<T>(sql: string, params: unknown[] = []): Promise<T> {
      const stmt = (() => {
        try {
          return conn.prepare(sql);
        } catch (error) {
          if (params.length === 0 && /more than one statement/i.test((error as Error).message)) return null;
          throw error;
        }
      })();
      if (!stmt) {
        conn.exec(sql);
        return [] as T;
      }
      return (stmt.reader ? stmt.all(...params) : stmt.run(...params)) as T;
    },
    async drop() {
      conn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A decimal as either database returns it (MariaDB: '608.50' string, SQLite: 608.5 number) → its text at `scale`. */
export function fixed(value: unknown, scale: number): string | null {
  if (value === null || value === undefined) return null;
  const [int, frac = ''] = String(value).split('.');
  return scale === 0 ? int : `${int}.${frac.padEnd(scale, '0').slice(0, scale)}`;
}
