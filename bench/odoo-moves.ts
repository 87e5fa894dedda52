/**
 * Jobs 5 and 6 at scale against the Odoo sandbox: 1,000 invoices × 10 lines. Prints the XML-RPC
 * calls of our jobs (batched lookups, intents, create by 50, batched read-back) against the
 * minimum the same work needs (one create per 50 moves + one call per model.method read) and
 * against the naive way of the previous tool (one call per line), measured in the same run on a
 * sample of invoices; checks that a rerun creates nothing.
 * BENCH_INVOICES / BENCH_LINES / BENCH_NAIVE_SAMPLE change the size.
 */
import assert from 'node:assert/strict';
import { JobRunner } from '../src/jobs/job-runner.service';
import { OdooClient } from '../src/odoo/odoo.client';
import type { SandboxPurchaseOrder } from '../src/sandbox/world/world.types';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../src/sandbox/world/catalogue';
import { sandboxIds } from '../test/helpers/invoice-seed';
import { startOdooSyncHarness, type OdooSyncHarness } from '../test/helpers/odoo-sync-harness';
import { executeKw, odooBound, printFigure, summary, type FigureRow } from './bench-kit';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 1000);
const LINES = Number(process.env.BENCH_LINES ?? 10);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 50);
const CODES = [
  '31040N25AA',
  '31055N25AA',
  '32010N40AB',
  '33120M25AA',
  '34005P20AA',
  '20115VRAC',
  '20130VRAC',
  '20210VRAC',
];

const boundCounts: string[] = [];

const PO: SandboxPurchaseOrder = {
  name: 'P0008000',
  companyId: 21,
  partnerId: URCOOPA_PARTNER_ID,
  partnerRef: null,
  state: 'purchase',
  invoiceStatus: 'no',
  dateOrder: '2025-10-10 06:30:00',
  received: false,
  dropship: false,
  lines: CODES.map((code) => ({
    productCode: code,
    name: code,
    qty: '10',
    uom: code.endsWith('VRAC') ? 't' : 'Units',
    price: '20.00',
  })),
};

async function seed(h: OdooSyncHarness, kind: 'store' | 'member'): Promise<void> {
  const ids = sandboxIds(h.odoo);
  const member = ids.partnerByRef('AD1873');
  const rows: unknown[][] = [];
  for (let i = 0; i < INVOICES; i++) {
    const numero = String(260_000_000 + i);
    for (let n = 1; n <= LINES; n++) {
      const code = CODES[(i + n) % CODES.length];
      const bulk = code.endsWith('VRAC');
      rows.push([
        numero,
        n,
        i % 13 === 5 ? 'A' : 'F',
        '2025-10-14',
        '2025-11-30',
        'VRAC',
        kind === 'store' ? '5010' : '1873',
        kind === 'store' ? 'MAGASIN LE PORT' : 'EARL DES TAMARINS',
        kind === 'store' ? 'MAG. SICALAIT' : 'ADHERENT',
        (200 * LINES).toFixed(2),
        (204.2 * LINES).toFixed(2),
        code,
        code,
        '20.00',
        bulk ? '10' : '10',
        bulk ? 'TO' : 'UN',
        '200.00',
        '2.1',
        'P0008000',
        kind === 'store' ? 'P0008000' : null,
        ids.product(code),
        kind === 'member' ? member : 0,
        kind === 'member' ? 'CLIENT : AD1873' : null,
        kind === 'store' ? 21 : null,
        'déjà traiter',
        'déjà traiter',
        'à intégrer',
      ]);
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    await h.db.query(
      `INSERT INTO sic_urcoopa_facture (Numero_Facture, Numero_Ligne_Facture, Type_Facture, Date_Facture, Date_Echeance,
        Societe_Facture, Code_Client, Nom_Client, Type_Client, Montant_HT, Montant_TTC, Code_Produit, Libelle_Produit,
        Prix_Unitaire, Quantite_Facturee, Unite_Facturee, Montant_HT_Ligne, Taux_TVA, Numero_Commande_Client,
        Numero_Commande_ODOO, ID_Produit_ODOO, ID_Client_ODOO, Code_Client_ODOO, Societe_Facture_ODOO,
        Statut_Correspondance_Article, Statut_Correspondance_Adherent, Statut_Integration_Fac_inOdoo) VALUES ?`,
      [part],
    );
  }
}

/** The previous tool's way, on a sample: per invoice a search and a header create, per line a product lookup and a line create, then a read. */
async function naivePerMove(h: OdooSyncHarness, companyId: number): Promise<{ calls: number; ms: number }> {
  const odoo = h.app.app.get(OdooClient);
  const start = h.odoo.calls.entries.length;
  const started = performance.now();
  for (let i = 0; i < NAIVE_SAMPLE; i++) {
    const ref = `NAIVE${i}`;
    await odoo.search('account.move', [
      ['ref', '=', ref],
      ['partner_id', '=', URCOOPA_PARTNER_ID],
    ]);
    const moveId = await odoo.create(
      'account.move',
      { move_type: 'in_invoice', partner_id: URCOOPA_PARTNER_ID, ref, invoice_date: '2025-10-14' },
      { companyIds: [companyId] },
    );
    for (let n = 1; n <= LINES; n++) {
      const [info] = await odoo.searchRead<{ id: number; product_tmpl_id: [number, string] }>(
        'product.supplierinfo',
        [
          ['partner_id', '=', URCOOPA_PARTNER_ID],
          ['product_code', '=', CODES[n % CODES.length]],
        ],
        ['product_tmpl_id'],
      );
      const [product] = await odoo.search('product.product', [
        ['product_tmpl_id', '=', info.product_tmpl_id[0]],
      ]);
      await odoo.create(
        'account.move.line',
        { move_id: moveId, product_id: product, quantity: 10, price_unit: 20 },
        { companyIds: [companyId] },
      );
    }
    await odoo.read('account.move', [moveId], ['amount_total']);
  }
  return {
    calls: executeKw(h.odoo.calls.entries.slice(start)).length / NAIVE_SAMPLE,
    ms: (performance.now() - started) / NAIVE_SAMPLE,
  };
}

async function measure(kind: 'store' | 'member'): Promise<FigureRow[]> {
  const h = await startOdooSyncHarness({
    sandbox: { world: { purchaseOrders: [PO] } },
    env: { ODOO_TIMEOUT_MS: '120000' },
  });
  try {
    await seed(h, kind);
    // The naive sample first, on the sandbox as our run finds it (its moves carry no marker of ours).
    const naive = await naivePerMove(h, kind === 'store' ? 21 : SICALAIT_COMPANY_ID);
    const job = kind === 'store' ? 'factures-magasins' : 'injection-adherents';
    const runner = h.app.app.get(JobRunner);
    const movesBefore = h.odoo.records('account.move').length;
    const before = h.odoo.calls.entries.length;
    const started = performance.now();
    const run = await runner.run(job, 'cli');
    const ms = performance.now() - started;
    const ours = executeKw(h.odoo.calls.entries.slice(before));
    const moves = h.odoo.records('account.move').length - movesBefore;
    assert.equal(run.status, 'succeeded');
    assert.equal(moves, kind === 'store' ? INVOICES : 2 * INVOICES);
    const rerunStart = h.odoo.calls.entries.length;
    await runner.run(job, 'cli');
    assert.equal(h.odoo.records('account.move').length - movesBefore, moves);
    const rerunCalls = executeKw(h.odoo.calls.entries.slice(rerunStart)).length;
    const movesPerInvoice = moves / INVOICES;
    const bound = odooBound(ours, { 'account.move': moves });
    boundCounts.push(`${job}: ${bound.counts}`);
    const label = `${job} (${moves} moves)`;
    summary.push(
      `${job}: ${ours.length} Odoo calls for ${moves} moves, ours/bound ×${(ours.length / bound.calls).toFixed(2)}, ` +
        `naive/ours ×${((naive.calls * movesPerInvoice * INVOICES) / ours.length).toFixed(0)}; ` +
        `${(ms / INVOICES).toFixed(1)} ms/invoice (naive ${(naive.ms * movesPerInvoice).toFixed(1)})`,
    );
    return [
      {
        metric: `${label}: XML-RPC calls`,
        ours: ours.length,
        bound: bound.calls,
        naive: naive.calls * movesPerInvoice * INVOICES,
      },
      {
        metric: `${label}: calls / invoice`,
        ours: ours.length / INVOICES,
        bound: bound.calls / INVOICES,
        naive: naive.calls * movesPerInvoice,
        digits: 3,
      },
      { metric: `${label}: ms / invoice`, ours: ms / INVOICES, naive: naive.ms * movesPerInvoice, digits: 1 },
      { metric: `${label}: rerun calls (0 moves created)`, ours: rerunCalls, bound: 0 },
    ];
  } finally {
    await h.close();
  }
}

export async function movesFigure(): Promise<void> {
  const rows = [...(await measure('store')), ...(await measure('member'))];
  printFigure(
    `Jobs 5-6, Odoo moves: ${INVOICES} invoices × ${LINES} lines into the Odoo sandbox, one run`,
    rows,
    [
      `naive: the previous tool's calls (search, header create, per line supplierinfo + product + line create, read), measured on ${NAIVE_SAMPLE} invoices in the same run and scaled to ${INVOICES}; ms / invoice includes the in-process sandbox.`,
      'bound: one create per 50 moves + one call per distinct model.method the run read (the earlier-attempt search and the totals read-back could each take all the markers / ids of the run in one call). Login excluded.',
      ...boundCounts.map((c) => `  ${c}`),
    ],
  );
}
