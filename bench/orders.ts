/**
 * Odoo round trips of job 7 for N orders: ours (constant: window search, confirm, lines, products,
 * supplier codes, companies) against the minimum (one call per model.method read) and against the
 * naive per-order/per-line reading of the previous tool, measured in the same run.
 */
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
import { executeKw, odooBound, printFigure, summary, type FigureRow } from './bench-kit';

const SIZES = [10, 100, 400];
const boundCounts = new Set<string>();

async function measure(n: number): Promise<FigureRow[]> {
  const pos = Array.from({ length: n }, (_, i) =>
    po(`P${String(9_000_000 + i).padStart(7, '0')}`, { lines: [BAG, BULK_T, BULK_KG] }),
  );
  const h = await startOrdersHarness({ purchaseOrders: pos });
  try {
    return await compare(h, n);
  } finally {
    await h.close();
  }
}

async function compare(h: OrdersHarness, n: number): Promise<FigureRow[]> {
  const before = h.odoo.calls.entries.length;
  const started = performance.now();
  await h.app.app.get(JobRunner).run('commandes', 'cli');
  const ms = performance.now() - started;
  const calls = executeKw(h.odoo.calls.entries.slice(before));
  const ours = calls.length;
  const bound = odooBound(calls);
  boundCounts.add(bound.counts);
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
  const naive = executeKw(h.odoo.calls.entries.slice(start)).length;
  const pushes = h.urcoopa.calls.count('Push_Commandes');
  if (n === SIZES[SIZES.length - 1])
    summary.push(
      `job 7, ${n} orders: ${ours} Odoo calls, ours/bound ×${(ours / bound.calls).toFixed(2)}, naive/ours ×${(naive / ours).toFixed(0)}`,
    );
  return [
    { metric: `${n} orders × 3 lines: Odoo calls`, ours, bound: bound.calls, naive },
    { metric: `${n} orders × 3 lines: Urcoopa Push_Commandes calls`, ours: pushes },
    { metric: `${n} orders × 3 lines: whole job 7 run (ms / order)`, ours: ms / n, digits: 1 },
  ];
}

export async function ordersFigure(): Promise<void> {
  const rows: FigureRow[] = [];
  for (const n of SIZES) rows.push(...(await measure(n)));
  printFigure('Job 7, orders: Odoo reads for N purchase orders, one run per N', rows, [
    'naive: the POs, then per order its lines, then per line its product and its supplier code.',
    'bound: one call per distinct model.method the run needed, whatever N (login excluded):',
    ...[...boundCounts].map((c) => `  ${c}`),
  ]);
}
