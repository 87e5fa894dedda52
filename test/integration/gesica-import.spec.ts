import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { describeDialects } from '../helpers/dialects';
import { po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';

async function importGesica(h: OrdersHarness) {
  const res = await h.app.http.get('/api/gesica/import').set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as Array<{
    enocom: string;
    outcome: string;
    message?: string;
  }>;
  return { res, report: (enocom: string) => orders.find((o) => o.enocom === enocom) };
}

const CMD400 = [
  // ENOCOM, EDATCD, EDATCF, DNOPRO, DUNITE, DQTCDE, DPXACH
  [706800, '20251013', '20251015', '31040N25AA', 'UN', '40.000', '15.2000'],
  [706800, '20251013', '20251015', '20115VRAC', 'TO', '2.350', '486.2300'],
  [706801, '20251012', '20251014', '39990X25ZZ', 'UN', '10.000', '12.0000'], // no URCOOPA supplier info in Odoo
  [706802, '20251012', '20251014', '33120M25AA', 'KG', '10.000', '32.7500'], // unit Gesica does not use
  [706731, '20251012', '20251014', '31040N25AA', 'UN', '5.000', '15.2000'], // already in Odoo
  [706500, '20250801', '20250805', '31040N25AA', 'UN', '5.000', '15.2000'], // older than the window
];

describe('Gesica import (GET /api/gesica/import)', () => {
  let h: OrdersHarness;
  const gesicaPos = (ref: string) => h.odoo.records('purchase.order').filter((p) => p.partner_ref === ref);

  beforeAll(async () => {
    h = await startOrdersHarness({
      dialect: 'mariadb',
      purchaseOrders: [po('P0009001', { partnerRef: 'GESICA706731' })],
      beforeStart: async (db) => {
        await db.query(`CREATE TABLE CMD400 (
          ENOCOM INT NOT NULL, EDATCD CHAR(8), EDATCF CHAR(8), DNOPRO VARCHAR(20), DUNITE CHAR(2),
          DQTCDE DECIMAL(12,3), DPXACH DECIMAL(12,4))`);
        for (const row of CMD400) await db.query('INSERT INTO CMD400 VALUES (?, ?, ?, ?, ?, ?, ?)', row);
      },
      // Gesica is a MySQL database of its own: here, a table in the MariaDB test database.
      envFor: (db) => ({
        GESICA_DB_HOST: db.mysql!.host,
        GESICA_DB_PORT: String(db.mysql!.port),
        GESICA_DB_USER: db.mysql!.user,
        GESICA_DB_PASSWORD: db.mysql!.password,
        GESICA_DB_DATABASE: db.mysql!.database,
      }),
    });
  }, 60_000);
  afterAll(() => h?.close());

  it('creates one URCOOPA PO per Gesica order with exact lines and Réunion dates', async () => {
    const run = await importGesica(h);
    expect(run.res.status).toBe(207);
    expect(run.report('706800')?.outcome).toBe('created');
    const [order] = gesicaPos('GESICA706800');
    expect(order).toMatchObject({
      partner_id: URCOOPA_PARTNER_ID,
      company_id: 19,
      state: 'draft',
      date_order: '2025-10-12 20:00:00',
      date_planned: '2025-10-14 20:00:00',
    });
    const lines = h.odoo
      .records('purchase.order.line')
      .filter((l) => l.order_id === order.id)
      .map((l) => ({
        qty: l.product_qty,
        price: l.price_unit,
        uom: h.odoo.get('uom.uom', l.product_uom as number)?.name,
        code: h.odoo
          .records('product.supplierinfo')
          .find(
            (i) =>
              i.partner_id === URCOOPA_PARTNER_ID &&
              i.product_tmpl_id === h.odoo.get('product.product', l.product_id as number)?.product_tmpl_id,
          )?.product_code,
      }));
    expect(lines).toEqual([
      { qty: 40, price: 15.2, uom: 'Units', code: '31040N25AA' },
      { qty: 2.35, price: 486.23, uom: 't', code: '20115VRAC' },
    ]);
  });

  it('rejects an unknown product or unit with the reason, skips orders already in Odoo and old ones', async () => {
    const run = await importGesica(h);
    expect(run.report('706801')).toMatchObject({ outcome: 'rejected' });
    expect(run.report('706801')?.message).toMatch(/39990X25ZZ/);
    expect(run.report('706802')?.message).toMatch(/DUNITE 'KG'/);
    expect(run.report('706731')?.outcome).toBe('already_in_odoo');
    expect(run.report('706500')).toBeUndefined();
    expect(gesicaPos('GESICA706801')).toHaveLength(0);
    expect(gesicaPos('GESICA706731')).toHaveLength(1);
    expect(gesicaPos('GESICA706500')).toHaveLength(0);
  });

  it('lands each order once across runs', async () => {
    const run = await importGesica(h);
    expect(run.report('706800')?.outcome).toBe('already_in_odoo');
    expect(gesicaPos('GESICA706800')).toHaveLength(1);
  });
});

describeDialects('Gesica import without GESICA_DB_HOST', (dialect) => {
  let h: OrdersHarness;
  beforeAll(async () => {
    h = await startOrdersHarness({ dialect, purchaseOrders: [] });
  }, 60_000);
  afterAll(() => h?.close());

  it('is disabled with a clear reason', async () => {
    const res = await h.app.http.get('/api/gesica/import').set('X-API-Key', TEST_API_KEY);
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).toMatch(/GESICA_DB_HOST/);
  });
});

describe('Gesica import into the company of GESICA_COMPANY_ID', () => {
  let h: OrdersHarness;

  beforeAll(async () => {
    h = await startOrdersHarness({
      dialect: 'mariadb',
      env: { GESICA_COMPANY_ID: '21' },
      beforeStart: async (db) => {
        await db.query(`CREATE TABLE CMD400 (
          ENOCOM INT NOT NULL, EDATCD CHAR(8), EDATCF CHAR(8), DNOPRO VARCHAR(20), DUNITE CHAR(2),
          DQTCDE DECIMAL(12,3), DPXACH DECIMAL(12,4))`);
        await db.query('INSERT INTO CMD400 VALUES (?, ?, ?, ?, ?, ?, ?)', CMD400[0]);
      },
      envFor: (db) => ({
        GESICA_DB_HOST: db.mysql!.host,
        GESICA_DB_PORT: String(db.mysql!.port),
        GESICA_DB_USER: db.mysql!.user,
        GESICA_DB_PASSWORD: db.mysql!.password,
        GESICA_DB_DATABASE: db.mysql!.database,
      }),
    });
  }, 60_000);
  afterAll(() => h?.close());

  it('creates the PO in that company instead of SICALAIT', async () => {
    const run = await importGesica(h);
    expect(run.res.status).toBe(200);
    const [order] = h.odoo.records('purchase.order').filter((p) => p.partner_ref === 'GESICA706800');
    expect(order).toMatchObject({ partner_id: URCOOPA_PARTNER_ID, company_id: 21 });
  });
});
