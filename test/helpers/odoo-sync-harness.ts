import type { DynamicModule, Type } from '@nestjs/common';
import { startOdooSandbox, type OdooSandbox, type OdooSandboxOptions } from '../../src/sandbox/odoo';
import { mysqlEnv, startTestApp, testEnv, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './mysql';

export interface OdooSyncHarness {
  db: TestDatabase;
  odoo: OdooSandbox;
  app: TestApp;
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/** Env pointing the app at a MariaDB test database and an Odoo sandbox. */
export function odooEnv(db: TestDatabase, odoo: OdooSandbox, extra: Record<string, string> = {}) {
  return testEnv({
    ...mysqlEnv(db.config),
    URL_ODOO: odoo.url,
    DB_ODOO: odoo.db,
    USERNAME_ODOO: odoo.login,
    PASSWORD_ODOO: odoo.password,
    ODOO_TIMEOUT_MS: '1500',
    ...extra,
  });
}

/** The real app on MariaDB (real migrations) talking XML-RPC to an Odoo sandbox. */
export async function startOdooSyncHarness(
  options: {
    env?: Record<string, string>;
    sandbox?: OdooSandboxOptions;
    extraModules?: Array<Type | DynamicModule>;
  } = {},
): Promise<OdooSyncHarness> {
  const db = await createTestDatabase('osync');
  const odoo = await startOdooSandbox(options.sandbox ?? {});
  const env = odooEnv(db, odoo, options.env);
  const app = await startTestApp(env, { extraModules: options.extraModules, startCrons: false } as never);
  return {
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
