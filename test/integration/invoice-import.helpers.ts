import { DataSource } from 'typeorm';
import { BusinessClock } from '../../src/common/reunion-time';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { startUrcoopaSandbox, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { generateWorld } from '../../src/sandbox/world/world';
import type { World, WorldOptions } from '../../src/sandbox/world/world.types';
import { mysqlEnv, startTestApp, testEnv, TEST_API_KEY, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/mysql';
import { insertStores } from '../helpers/invoice-seed';

export { TEST_API_KEY };

export const REFERENCE_DAY = '2025-10-14';
/** 10:00 on 14 October 2025 in La Réunion. */
export const NOW = new Date('2025-10-14T06:00:00Z');
export const URCOOPA_KEY = 'urcoopa-secret-key-5f3a9c';

export type Dialect = 'mariadb' | 'sqlite';

export interface ImportHarness {
  dialect: Dialect;
  world: World;
  odoo: OdooSandbox;
  urcoopa: UrcoopaSandbox;
  app: TestApp;
  /** The app's own data source (to read what it wrote, and to set up scenarios with plain SQL). */
  ds: DataSource;
  db: TestDatabase | null;
  /** GET a legacy route with the API key; `query` like 'nb_jours=30'. */
  get(path: string, query?: string): Promise<{ status: number; body: RunBody }>;
  close(): Promise<void>;
}

export interface RunBody {
  id: number;
  status: string;
  counts: Record<string, number>;
  recordErrors: Array<{ record: string; field?: string; code: string; message: string }>;
  errorSummary: string | null;
  failure: { code: string; external: boolean } | null;
  details: Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface HarnessOptions {
  dialect?: Dialect;
  world?: WorldOptions;
  env?: Record<string, string>;
}

/** The real app (real migrations) on MariaDB or SQLite, talking SOAP and XML-RPC to the sandboxes. */
export async function startImportHarness(options: HarnessOptions = {}): Promise<ImportHarness> {
  const dialect = options.dialect ?? 'mariadb';
  const world = generateWorld({ referenceDate: REFERENCE_DAY, days: 30, ...options.world });
  const db = dialect === 'mariadb' ? await createTestDatabase('inv') : null;
  const odoo = await startOdooSandbox({ world, now: () => NOW });
  const urcoopa = await startUrcoopaSandbox({ world, apiKey: URCOOPA_KEY });
  const app = await startTestApp(
    testEnv({
      ...(db ? mysqlEnv(db.config) : {}),
      URL_ODOO: odoo.url,
      DB_ODOO: odoo.db,
      USERNAME_ODOO: odoo.login,
      PASSWORD_ODOO: odoo.password,
      ODOO_TIMEOUT_MS: '5000',
      MY_URCOOPA_URL: urcoopa.wsdlUrl,
      API_KEY_URCOOPA: URCOOPA_KEY,
      URCOOPA_TIMEOUT_MS: '3000',
      API_KEY_JOUR_FACTURES: '30',
      API_KEY_JOUR: '30',
      ...options.env,
    }),
    { clock: new BusinessClock('Indian/Reunion', () => NOW), startCrons: false } as never,
  );
  const ds = app.app.get(DataSource);
  await insertStores(ds);
  return {
    dialect,
    world,
    odoo,
    urcoopa,
    app,
    ds,
    db,
    async get(path, query = '') {
      const res = await app.http.get(`${path}${query ? `?${query}` : ''}`).set('X-API-Key', TEST_API_KEY);
      return { status: res.status, body: res.body as RunBody };
    },
    async close() {
      await app.close();
      await urcoopa.close();
      await odoo.close();
      await db?.drop();
    },
  };
}

/** Rows of a table, plain (decimals as the driver returns them). */
export function rows<T = Record<string, unknown>>(
  h: ImportHarness,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return h.ds.query(sql, params) as Promise<T[]>;
}

export async function count(h: ImportHarness, table: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(h, `SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

/** A decimal as the database returns it (MariaDB: '608.00', SQLite: 608) → its exact text at `scale`. */
export function fixed(value: unknown, scale: number): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  const [int, frac = ''] = text.split('.');
  return scale === 0 ? int : `${int}.${frac.padEnd(scale, '0').slice(0, scale)}`;
}

/** A day as the database returns it (MariaDB through TypeORM: 'YYYY-MM-DD' string or Date). */
export function day(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
