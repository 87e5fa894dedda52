/**
 * Odoo round trips of job 7 for N orders: ours (constant: window search, confirm, lines, products,
 * supplier codes, companies) against the naive per-order/per-line reading of the previous tool.
 * Run: npx vitest bench --run bench/orders.bench.ts (needs MariaDB, like the integration tests).
 */
import { afterAll, bench, describe } from 'vitest';
import { OdooClient } from '../src/odoo/odoo.client';
import { JobRunner } from '../src/jobs/job-runner.service';
import { URCOOPA_PARTNER_ID } from '../src/sandbox/world/catalogue';
import {
  BAG,
  BULK_KG,
  BULK_T,
  po,
  startOrdersHarness,
  type OrdersHarness,
} from '../test/integration/orders.helpers';

const SIZES = [10, 100, 400];
const harnesses: OrdersHarness[] = [];
const figures: string[] = [];

async function measure(n: number): Promise<void> {
  const pos = Array.from({ length: n }, (_, i) =>
    po(`P${String(9_000_000 + i).padStart(7, '0')}`, { lines: [BAG, BULK_T, BULK_KG] }),
  );
  const h = await startOrdersHarness({ purchaseOrders: pos });
  harnesses.push(h);
  const before = h.odoo.calls.entries.length;
  await h.app.app.get(JobRunner).run('commandes', 'cli');
  const ours = h.odoo.calls.entries.length - before - 1; // minus the login
  // The naive way: the POs, then per order its lines, then per line its product and supplier code.
  const odoo = h.app.app.get(OdooClient);
  const start = h.odoo.calls.entries.length;
  const orders = await odoo.searchRead<{ id: number; order_line: number[] }>(
    'purchase.order',
    [['partner_id', '=', URCOOPA_PARTNER_ID]],
    ['id', 'order_line'],
  );
  for (const order of orders) {
    const lines = await odoo.read<{ id: number; product_id: [number, string] | false }>(
      'purchase.order.line',
      order.order_line,
      ['id', 'product_id'],
    );
    for (const line of lines) {
      if (!line.product_id) continue;
      const [product] = await odoo.read<{ id: number; product_tmpl_id: [number, string] }>(
        'product.product',
        [line.product_id[0]],
        ['id', 'product_tmpl_id'],
      );
      await odoo.searchRead(
        'product.supplierinfo',
        [
          ['partner_id', '=', URCOOPA_PARTNER_ID],
          ['product_tmpl_id', '=', product.product_tmpl_id[0]],
        ],
        ['product_code'],
      );
    }
  }
  const naive = h.odoo.calls.entries.length - start;
  figures.push(
    `${n} orders × 3 lines: ours ${ours} Odoo calls, naive ${naive} (×${(naive / ours).toFixed(1)}); Urcoopa pushes ${h.urcoopa.calls.count('Push_Commandes')}`,
  );
}

describe('job 7 Odoo round trips', async () => {
  for (const n of SIZES) await measure(n);
  console.log(`\n${figures.join('\n')}\n`);
  bench('figures printed above', () => undefined, { iterations: 1 });
});

afterAll(async () => {
  for (const h of harnesses) await h.close();
});
