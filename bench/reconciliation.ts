/**
 * Rapprochement (issue 15) at BENCH_RAPPROCHEMENT_ORDERS (2,000) orders × 10 lines: 20,000 PO lines in
 * the Odoo sandbox, as many delivery lines and invoice lines in a fresh MariaDB database. The job
 * (read our three tables, two Odoo calls, match, write orders, chains and discrepancies) against a
 * plain lower bound measured in the same run: the same three SELECTs and the same two Odoo calls,
 * then the same rows written by multi-row INSERTs over the bare driver, with no matching at all.
 * The page: GET /rapprochement (first page, then filtered by a status) against its own SQL
 * statements run over the bare driver.
 */
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { JobRunner } from '../src/jobs/job-runner.service';
import { OdooClient } from '../src/odoo/odoo.client';
import { PURCHASE_LINE_FIELDS } from '../src/odoo/odoo-purchase.queries';
import { PO_FIELDS } from '../src/reconciliation/reconciliation.job';
import { startOdooSandbox } from '../src/sandbox/odoo';
import { URCOOPA_PARTNER_ID } from '../src/sandbox/world/catalogue';
import { ORDERABLE } from '../src/sandbox/world/purchase-orders';
import type { SandboxPurchaseOrder } from '../src/sandbox/world/world.types';
import { mysqlEnv, startTestApp, testEnv } from '../test/helpers/app';
import { createTestDatabase } from '../test/helpers/mysql';
import { STAFF_USERS } from '../test/integration/web-fixtures';
import { signedInAgent } from '../test/integration/web-session';
import { executeKw, printFigure, summary, type FigureRow } from './bench-kit';

const ORDERS = Number(process.env.BENCH_RAPPROCHEMENT_ORDERS ?? 2_000);
const LINES = 10;
const PAGE_REQUESTS = 20;

function purchaseOrders(): SandboxPurchaseOrder[] {
  const bags = ORDERABLE.filter((p) => p.billedUnit === 'UN');
  return Array.from({ length: ORDERS }, (_, i) => ({
    name: `P${String(8_000_000 + i).padStart(7, '0')}`,
    companyId: 21,
    partnerId: URCOOPA_PARTNER_ID,
    partnerRef: null,
    state: 'purchase',
    invoiceStatus: 'to invoice',
    dateOrder: '2025-10-02 06:30:00',
    received: i % 3 !== 0,
    dropship: false,
    lines: Array.from({ length: LINES }, (_, l) => {
      const p = bags[(i + l) % bags.length];
      return {
        productCode: p.code,
        name: p.label,
        qty: String(10 + l),
        uom: 'Units' as const,
        price: p.price,
      };
    }),
  }));
}

async function insertRows(conn: mysql.Connection, table: string, rows: Array<Record<string, unknown>>) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [
      chunk.map((r) => columns.map((c) => r[c])),
    ]);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function reconciliationFigure(): Promise<void> {
  const pos = purchaseOrders();
  const odoo = await startOdooSandbox({ world: { purchaseOrders: pos } });
  const db = await createTestDatabase('bench_rappro');
  const t = await startTestApp(
    testEnv({
      ...mysqlEnv(db.config),
      STAFF_USERS,
      URL_ODOO: odoo.url,
      DB_ODOO: odoo.db,
      USERNAME_ODOO: odoo.login,
      PASSWORD_ODOO: odoo.password,
      // The sandbox computes qty_received/qty_invoiced line by line: slow at this size, not us.
      ODOO_TIMEOUT_MS: '600000',
    }),
  );
  const conn = await mysql.createConnection({ ...db.config });
  try {
    // Every order sent, delivered in one BL and invoiced in one invoice; every 7th line drifts.
    const sent: Array<Record<string, unknown>> = [];
    const deliveries: Array<Record<string, unknown>> = [];
    const invoices: Array<Record<string, unknown>> = [];
    pos.forEach((po, i) => {
      sent.push({
        Numero_Commande: po.name,
        Code_Client: '5010',
        date_envoi_commande: '2025-10-02 08:00:00',
        status: 'sent',
      });
      po.lines.forEach((line, l) => {
        const qty = (i * LINES + l) % 7 === 0 ? Number(line.qty) + 2 : Number(line.qty);
        deliveries.push({
          Numero_BL: String(9_000_000 + i),
          Numero_Ligne_BL: l + 1,
          Code_Client: '5010',
          Date_BL: '2025-10-05',
          Code_Produit: line.productCode,
          Quantite_Livree: qty,
          Numero_Commande: po.name,
          Numero_Ligne_Commande: l + 1,
          Numero_Facture: String(270_000_000 + i),
        });
        invoices.push({
          Numero_Facture: String(270_000_000 + i),
          Numero_Ligne_Facture: l + 1,
          Type_Facture: 'F',
          Date_Facture: '2025-10-06',
          Code_Client: '5010',
          Type_Client: 'MAG. SICALAIT',
          Code_Produit: line.productCode,
          Prix_Unitaire: line.price,
          Quantite_Facturee: qty,
          Unite_Facturee: 'UN',
          Montant_HT_Ligne: (Number(line.price) * qty).toFixed(2),
          Numero_BL: String(9_000_000 + i),
          Numero_Ligne_BL: l + 1,
          Numero_Commande_Client: po.name,
        });
      });
    });
    await insertRows(conn, 'sic_urcoopa_commande_odoo', sent);
    await insertRows(conn, 'sic_urcoopa_livraison', deliveries);
    await insertRows(conn, 'sic_urcoopa_facture', invoices);

    const runner = t.app.get(JobRunner);
    await runner.run('rapprochement', 'cli'); // warm-up (login, JIT)
    const before = odoo.calls.entries.length;
    const started = performance.now();
    const run = await runner.run('rapprochement', 'cli');
    const jobMs = performance.now() - started;
    const calls = executeKw(odoo.calls.entries.slice(before)).length;
    const result = run.result as { orders: number; lines: number; discrepancies: number };

    // The bound: the same reads, the same two Odoo calls, the same rows written, no matching.
    const client = t.app.get(OdooClient);
    const boundStart = performance.now();
    await conn.query("SELECT * FROM sic_urcoopa_commande_odoo WHERE status IN ('sent', 'already_received')");
    await conn.query('SELECT * FROM sic_urcoopa_livraison');
    await conn.query('SELECT * FROM sic_urcoopa_facture');
    const names = pos.map((p) => p.name);
    // Exactly the job's two calls (same domains, same fields: the sandbox computes qty_received…).
    const found = await client.searchRead<{ id: number }>(
      'purchase.order',
      ['|', ['name', 'in', names], ['partner_ref', 'in', names.map((n) => `GESICA${n}`)]],
      PO_FIELDS,
      { order: 'id' },
    );
    await client.searchRead(
      'purchase.order.line',
      [['order_id', 'in', found.map((f) => f.id)]],
      PURCHASE_LINE_FIELDS,
      {
        order: 'order_id, sequence, id',
      },
    );
    const [orderRows] = (await conn.query('SELECT * FROM sync_reconciliation_order')) as [
      Array<Record<string, unknown>>,
      unknown,
    ];
    const [lineRows] = (await conn.query('SELECT * FROM sync_reconciliation_line')) as [
      Array<Record<string, unknown>>,
      unknown,
    ];
    await conn.beginTransaction();
    await conn.query('DELETE FROM sync_reconciliation_line');
    await conn.query('DELETE FROM sync_reconciliation_order');
    await insertRows(conn, 'sync_reconciliation_order', orderRows);
    await insertRows(conn, 'sync_reconciliation_line', lineRows);
    await conn.commit();
    const boundMs = performance.now() - boundStart;

    // The page, signed in, and its SQL over the bare driver.
    const ds = t.app.get(DataSource);
    const { agent } = await signedInAgent(t.app);
    const pageMs: Record<string, number> = {};
    for (const [label, url] of [
      ['page', '/rapprochement'],
      ['page filtered', '/rapprochement?statut=ecart_quantite'],
    ] as const) {
      await agent.get(url).set('Accept', 'text/html').expect(200);
      const times: number[] = [];
      for (let i = 0; i < PAGE_REQUESTS; i++) {
        const s = performance.now();
        await agent.get(url).set('Accept', 'text/html').expect(200);
        times.push(performance.now() - s);
      }
      pageMs[label] = median(times);
    }
    const captured: Array<{ sql: string; params: unknown[] }> = [];
    const original = ds.query.bind(ds);
    Object.assign(ds, {
      query: (sql: string, params?: unknown[]) => {
        captured.push({ sql, params: params ?? [] });
        return original(sql, params);
      },
    });
    await agent.get('/rapprochement').set('Accept', 'text/html').expect(200);
    Object.assign(ds, { query: original });
    const sqlTimes: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i++) {
      const s = performance.now();
      for (const q of captured) await conn.query(q.sql, q.params);
      sqlTimes.push(performance.now() - s);
    }
    const pageBound = median(sqlTimes);

    const rows: FigureRow[] = [
      {
        metric: `job: ${ORDERS.toLocaleString('en')} orders, ${(ORDERS * LINES).toLocaleString('en')} lines (ms)`,
        ours: jobMs,
        bound: boundMs,
      },
      { metric: 'job: Odoo calls', ours: calls, bound: 2 },
      { metric: 'page /rapprochement, median (ms)', ours: pageMs.page, bound: pageBound, digits: 1 },
      { metric: 'page filtered by status, median (ms)', ours: pageMs['page filtered'], digits: 1 },
    ];
    printFigure('Rapprochement (issue 15)', rows, [
      `the run found ${result.discrepancies.toLocaleString('en')} discrepancies over ${result.orders} orders / ${result.lines} lines`,
      'job bound: the three SELECTs, the same two Odoo calls and the same rows written by multi-row INSERTs over the bare driver (no matching)',
      `page bound: the ${captured.length} SQL statements the page sent, over the bare driver`,
    ]);
    summary.push(
      `rapprochement, ${ORDERS} orders / ${ORDERS * LINES} lines: job ${(jobMs / 1000).toFixed(1)} s (×${(jobMs / boundMs).toFixed(2)} bound), ${calls} Odoo calls; page ${pageMs.page.toFixed(0)} ms (×${(pageMs.page / pageBound).toFixed(2)} its SQL)`,
    );
  } finally {
    await conn.end();
    await t.close();
    await odoo.close();
    await db.drop();
  }
}
