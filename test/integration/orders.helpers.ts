import type { DynamicModule, Type } from '@nestjs/common';
import { BusinessClock } from '../../src/common/reunion-time';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { startUrcoopaSandbox, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import type { SandboxPurchaseOrder, SandboxPurchaseOrderLine } from '../../src/sandbox/world/world.types';
import { startTestApp, testEnv, TEST_API_KEY, type TestApp } from '../helpers/app';
import { createDialectDatabase, type Dialect, type DialectDatabase } from '../helpers/dialect-database';
import { insertStores, type DepotRow } from '../helpers/invoice-seed';

export { TEST_API_KEY };

/** 10:00 on 14 October 2025 in La Réunion (06:00 UTC). */
export const NOW = new Date('2025-10-14T06:00:00Z');

export interface OrdersHarness {
  dialect: Dialect;
  db: DialectDatabase;
  odoo: OdooSandbox;
  urcoopa: UrcoopaSandbox;
  app: TestApp;
  close(): Promise<void>;
}

export interface OrdersHarnessOptions {
  /** The app's database (default MariaDB). */
  dialect?: Dialect;
  purchaseOrders?: SandboxPurchaseOrder[];
  env?: Record<string, string>;
  /** More environment, from the test database (e.g. GESICA_DB_* pointing at it). */
  envFor?: (db: DialectDatabase) => Record<string, string>;
  now?: Date;
  /** sic_depot rows (default: the sandbox stores). */
  depots?: DepotRow[];
  extraModules?: Array<Type | DynamicModule>;
  /** Runs SQL on the test database before the app starts (e.g. a CMD400 table). */
  beforeStart?: (db: DialectDatabase) => Promise<void>;
}

/** The real app on a fresh database of `dialect` (real migrations), talking SOAP to the Urcoopa sandbox and XML-RPC to the Odoo one. */
export async function startOrdersHarness(options: OrdersHarnessOptions = {}): Promise<OrdersHarness> {
  const now = options.now ?? NOW;
  const dialect = options.dialect ?? 'mariadb';
  const db = await createDialectDatabase(dialect, 'orders');
  const odoo = await startOdooSandbox({
    world: options.purchaseOrders ? { purchaseOrders: options.purchaseOrders } : undefined,
    now: () => now,
  });
  const urcoopa = await startUrcoopaSandbox({ world: { purchaseOrders: 0, invoices: 0 } });
  await options.beforeStart?.(db);
  const app = await startTestApp(
    testEnv({
      ...db.env,
      URL_ODOO: odoo.url,
      DB_ODOO: odoo.db,
      USERNAME_ODOO: odoo.login,
      PASSWORD_ODOO: odoo.password,
      ODOO_TIMEOUT_MS: '2000',
      URCOOPA_ENDPOINT: urcoopa.endpoint,
      API_KEY_URCOOPA: urcoopa.apiKey,
      URCOOPA_TIMEOUT_MS: '2000',
      DATE_JOUR: '5',
      ...options.env,
      ...options.envFor?.(db),
    }),
    {
      clock: new BusinessClock('Indian/Reunion', () => now),
      extraModules: options.extraModules,
      startCrons: false,
    } as never,
  );
  await insertStores(db, options.depots);
  return {
    dialect,
    db,
    odoo,
    urcoopa,
    app,
    async close() {
      await app.close();
      await urcoopa.close();
      await odoo.close();
      await db.drop();
    },
  };
}

export const BAG: SandboxPurchaseOrderLine = {
  productCode: '31040N25AA',
  name: 'MAIS GRAIN NETTOYE 25KG',
  qty: '40',
  uom: 'Units',
  price: '15.20',
};
export const BULK_T: SandboxPurchaseOrderLine = {
  productCode: '20115VRAC',
  name: 'ALIMENT VL PRODUCTION VRAC',
  qty: '2.5',
  uom: 't',
  price: '486.23',
};
export const BULK_KG: SandboxPurchaseOrderLine = {
  productCode: '20130VRAC',
  name: 'ALIMENT VL HAUTE PRODUCTION VRAC',
  qty: '1250',
  uom: 'kg',
  price: '0.5124',
};
export const note = (name: string): SandboxPurchaseOrderLine => ({
  productCode: null,
  name,
  qty: '0',
  uom: 'Units',
  price: '0',
});

/** A confirmed URCOOPA PO of a store. */
export function po(name: string, overrides: Partial<SandboxPurchaseOrder> = {}): SandboxPurchaseOrder {
  return {
    name,
    companyId: 21,
    partnerId: URCOOPA_PARTNER_ID,
    partnerRef: null,
    state: 'purchase',
    invoiceStatus: 'no',
    dateOrder: '2025-10-13 05:00:00',
    received: false,
    dropship: false,
    lines: [BAG],
    ...overrides,
  };
}

/** Rows of sic_urcoopa_commande_odoo by order number. */
export async function ledger(
  db: DialectDatabase,
): Promise<Map<string, { status: string; attempts: number; last_response: string | null }>> {
  const rows = await db.query<
    Array<{ Numero_Commande: string; status: string; attempts: number; last_response: string | null }>
  >('SELECT Numero_Commande, status, attempts, last_response FROM sic_urcoopa_commande_odoo');
  return new Map(rows.map((r) => [r.Numero_Commande, r]));
}
