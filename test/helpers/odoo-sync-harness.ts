import type { DynamicModule, Type } from '@nestjs/common';
import { startOdooSandbox, type OdooSandbox, type OdooSandboxOptions } from '../../src/sandbox/odoo';
import { startTestApp, testEnv, type TestApp } from './app';
import { createDialectDatabase, type Dialect, type DialectDatabase } from './dialect-database';

export interface OdooSyncHarness {
  dialect: Dialect;
  db: DialectDatabase;
  odoo: OdooSandbox;
  app: TestApp;
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** Env pointing the app at a test database (SQLite or MariaDB) and an Odoo sandbox. */
export function odooEnv(db: DialectDatabase, odoo: OdooSandbox, extra: Record<string, string> = {}) {
  return testEnv({
    ...db.env,
    URL_ODOO: odoo.url,
    DB_ODOO: odoo.db,
    USERNAME_ODOO: odoo.login,
    PASSWORD_ODOO: odoo.password,
    ODOO_TIMEOUT_MS: '1500',
    ...extra,
  });
}

/** The real app (real migrations) on a fresh database of `dialect` (default MariaDB), talking XML-RPC to an Odoo sandbox. */
export async function startOdooSyncHarness(
  options: {
    dialect?: Dialect;
    env?: Record<string, string>;
    sandbox?: OdooSandboxOptions;
    extraModules?: Array<Type | DynamicModule>;
  } = {},
): Promise<OdooSyncHarness> {
  const dialect = options.dialect ?? 'mariadb';
  const db = await createDialectDatabase(dialect, 'osync');
  const odoo = await startOdooSandbox(options.sandbox ?? {});
  const env = odooEnv(db, odoo, options.env);
  const app = await startTestApp(env, { extraModules: options.extraModules, startCrons: false } as never);
  return {
    dialect,
    db,
    odoo,
    app,
    env,
    async close() {
      await app.close();
      await odoo.close();
      await db.drop();
    },
  };
}
