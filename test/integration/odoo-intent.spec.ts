import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { dec } from '../../src/common/money';
import { OdooIntentService } from '../../src/odoo-sync/odoo-intent.service';
import {
  MOVE_MARKER_FIELD,
  MOVE_MATCH_FIELDS,
  type OdooIntentRequest,
  type OdooIntentSpec,
} from '../../src/odoo-sync/odoo-intent.types';
import { OdooSyncModule } from '../../src/odoo-sync/odoo-sync.module';
import { ODOO_SEED } from '../../src/sandbox/odoo';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { describeDialects, fixed } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

const spec = (kind: string): OdooIntentSpec => ({
  kind,
  model: 'account.move',
  markerField: MOVE_MARKER_FIELD,
  matchFields: MOVE_MATCH_FIELDS,
  checkTotals: true,
});

describeDialects('OdooIntentService against the Odoo sandbox', (dialect) => {
  let h: OdooSyncHarness;
  let intents: OdooIntentService;
  let productId: number;
  let purchaseTax: number;

  beforeAll(async () => {
    h = await startOdooSyncHarness({ dialect, extraModules: [OdooSyncModule] });
    intents = h.app.app.get(OdooIntentService);
    const product = h.odoo.records('product.product')[0];
    productId = product.id;
    purchaseTax = h.odoo
      .records('account.tax')
      .find(
        (t) => t.company_id === SICALAIT_COMPANY_ID && t.type_tax_use === 'purchase' && t.amount === 2.1,
      )!.id;
  });
  afterAll(() => h?.close());
  beforeEach(() => h.odoo.faults.clear());

  function bill(key: string, price = '100.00', qty = 2): OdooIntentRequest {
    const untaxed = dec(price).times(qty);
    const tax = untaxed.times('0.021').toDecimalPlaces(2);
    return {
      businessKey: key,
      companyId: SICALAIT_COMPANY_ID,
      values: {
        move_type: 'in_invoice',
        partner_id: URCOOPA_PARTNER_ID,
        company_id: SICALAIT_COMPANY_ID,
        ref: key,
        invoice_date: '2025-10-14',
        invoice_line_ids: [
          [
            0,
            0,
            {
              product_id: productId,
              quantity: qty,
              price_unit: Number(price),
              tax_ids: [[6, 0, [purchaseTax]]],
            },
          ],
        ],
      },
      expectedTotals: { untaxed, tax, total: untaxed.plus(tax) },
    };
  }

  const moves = (key: string) => h.odoo.records('account.move').filter((m) => m.ref === key);

  it('creates a batch in one create call, stores the ids, and a rerun sends nothing', async () => {
    const requests = ['A1', 'A2', 'A3'].map((k) => bill(k));
    h.odoo.calls.reset();
    const first = await intents.ensure(spec('test-bill'), requests);
    expect(first.map((o) => o.result)).toEqual(['created', 'created', 'created']);
    expect(h.odoo.calls.count('account.move', 'create')).toBe(1);
    for (const o of first) {
      const move = h.odoo.get('account.move', o.odooId!)!;
      expect(move.ref).toBe(o.businessKey);
      expect(move[MOVE_MARKER_FIELD]).toBe(`URCOOPA-SYNC/test-bill/${o.businessKey}`);
      expect(o.totals?.ok).toBe(true);
      expect(o.issues).toEqual([]);
    }
    const rows = await h.db.query<Array<Record<string, unknown>>>(
      "SELECT business_key, status, odoo_id, attempts, totals_ok FROM sync_odoo_intent WHERE kind = 'test-bill' ORDER BY business_key",
    );
    expect(rows.map((r) => [r.business_key, r.status, r.attempts, r.totals_ok])).toEqual([
      ['A1', 'created', 1, 1],
      ['A2', 'created', 1, 1],
      ['A3', 'created', 1, 1],
    ]);
    h.odoo.calls.reset();
    const again = await intents.ensure(spec('test-bill'), requests);
    expect(again.map((o) => o.result)).toEqual(['existing', 'existing', 'existing']);
    expect(again.map((o) => o.odooId)).toEqual(first.map((o) => o.odooId));
    expect(h.odoo.calls.count('account.move', 'create')).toBe(0);
    expect(h.odoo.calls.count()).toBe(0);
  });

  it('a create committed but whose answer is lost is adopted, never created twice', async () => {
    // The create commits then the connection drops; the search right after is refused by the proxy.
    h.odoo.faults.commitThenDrop({ model: 'account.move', method: 'create', mode: 'reset' });
    h.odoo.faults.html502({ model: 'account.move', method: 'search_read', nth: 2, persistent: true });
    const first = await intents.ensure(spec('test-lost'), [bill('L1'), bill('L2')]);
    expect(first.map((o) => o.result)).toEqual(['pending', 'pending']);
    expect(first[0].error).toMatch(/no definite answer/);
    expect(moves('L1')).toHaveLength(1);
    h.odoo.faults.clear();
    const second = await intents.ensure(spec('test-lost'), [bill('L1'), bill('L2')]);
    expect(second.map((o) => o.result)).toEqual(['adopted', 'adopted']);
    expect(second[0].odooId).toBe(moves('L1')[0].id);
    expect(moves('L1')).toHaveLength(1);
    expect(moves('L2')).toHaveLength(1);
  });

  it('a timeout after commit (hang) is adopted by the search that follows', async () => {
    h.odoo.faults.commitThenDrop({ model: 'account.move', method: 'create', mode: 'hang' });
    const out = await intents.ensure(spec('test-hang'), [bill('H1')]);
    expect(out[0].result).toBe('adopted');
    expect(moves('H1')).toHaveLength(1);
    const rerun = await intents.ensure(spec('test-hang'), [bill('H1')]);
    expect(rerun[0].result).toBe('existing');
    expect(moves('H1')).toHaveLength(1);
  });

  it('a refused record in a batch is named; the others are created', async () => {
    const bad = bill('B2');
    const lines = bad.values.invoice_line_ids as unknown[][];
    (lines[0][2] as Record<string, unknown>).product_uom_id = ODOO_SEED.uom.kgId; // a bag in kg: incompatible
    const out = await intents.ensure(spec('test-batch'), [bill('B1'), bad, bill('B3')]);
    expect(out.map((o) => o.result)).toEqual(['created', 'failed', 'created']);
    expect(out[1].errorCode).toBe('BUSINESS_ERROR');
    expect(out[1].error).toMatch(/Unit of Measure/);
    expect(moves('B2')).toHaveLength(0);
    const retry = await intents.ensure(spec('test-batch'), [bill('B1'), bill('B2'), bill('B3')]);
    expect(retry.map((o) => o.result)).toEqual(['existing', 'created', 'existing']);
  });

  it('a batch larger than the client create chunk: a refusal after an earlier chunk committed duplicates nothing', async () => {
    // 60 requests in one intent batch; the client sends creates of at most 50 records per call.
    const requests = Array.from({ length: 60 }, (_, i) => bill(`K${i + 1}`));
    const bad = requests[54];
    const lines = bad.values.invoice_line_ids as unknown[][];
    (lines[0][2] as Record<string, unknown>).product_uom_id = ODOO_SEED.uom.kgId; // refused by Odoo
    const out = await intents.ensure({ ...spec('test-big-batch'), batchSize: 60 }, requests);
    expect(out.filter((o) => o.result !== 'created').map((o) => [o.businessKey, o.result])).toEqual([
      ['K55', 'failed'],
    ]);
    for (let i = 1; i <= 60; i++) expect(moves(`K${i}`), `K${i}`).toHaveLength(i === 55 ? 0 : 1);
  });

  it('a company the API user may not use fails alone (fault 4), the rest of the batch goes on', async () => {
    const foreign = bill('M2');
    foreign.companyId = ODOO_SEED.unauthorizedCompany.id;
    foreign.values = {
      ...foreign.values,
      company_id: ODOO_SEED.unauthorizedCompany.id,
      invoice_line_ids: [],
    };
    const out = await intents.ensure(spec('test-company'), [bill('M1'), foreign]);
    expect(out.map((o) => o.result)).toEqual(['created', 'failed']);
    expect(out[1].errorCode).toBe('ACCESS_ERROR');
    expect(out[1].error).toMatch(/unauthorized or invalid companies/);
    expect(moves('M2')).toHaveLength(0);
  });

  it('flags Odoo totals that differ from ours by more than 0.01, with both figures', async () => {
    const request = bill('T1');
    request.expectedTotals = { untaxed: dec('200.00'), tax: dec('4.20'), total: dec('204.25') };
    const [out] = await intents.ensure(spec('test-totals'), [request]);
    expect(out.result).toBe('created');
    expect(out.errorCode).toBe('TOTALS_MISMATCH');
    expect(out.issues[0]).toContain('total ours 204.25 vs Odoo 204.20');
    const [row] = await h.db.query<Array<Record<string, unknown>>>(
      "SELECT totals_ok, expected_total, odoo_total FROM sync_odoo_intent WHERE kind = 'test-totals'",
    );
    expect([row.totals_ok, fixed(row.expected_total, 2), fixed(row.odoo_total, 2)]).toEqual([
      0,
      '204.25',
      '204.20',
    ]);
  });

  it('two Odoo records carrying our marker: conflict, nothing created', async () => {
    const request = bill('C1');
    for (let i = 0; i < 2; i++) {
      h.odoo.faults.clear();
      await intents['odoo'].create(
        'account.move',
        { ...request.values, [MOVE_MARKER_FIELD]: 'URCOOPA-SYNC/test-conflict/C1' },
        { companyIds: [SICALAIT_COMPANY_ID] },
      );
    }
    const [out] = await intents.ensure(spec('test-conflict'), [request]);
    expect(out.result).toBe('conflict');
    expect(out.error).toMatch(/2 account.move records carry the marker/);
    expect(moves('C1')).toHaveLength(2);
  });

  it('posts the drafts in one call when asked, and a rerun posts the ones left in draft', async () => {
    const posting = { ...spec('test-post'), confirmMethod: 'action_post' };
    h.odoo.faults.html502({ model: 'account.move', method: 'action_post' });
    const first = await intents.ensure(posting, [bill('P1'), bill('P2')]);
    expect(first.map((o) => o.result)).toEqual(['created', 'created']);
    expect(first[0].issues[0]).toMatch(/action_post failed/);
    h.odoo.calls.reset();
    const second = await intents.ensure(posting, [bill('P1'), bill('P2')]);
    expect(second.map((o) => o.odooState)).toEqual(['posted', 'posted']);
    expect(h.odoo.calls.count('account.move', 'action_post')).toBe(1);
    expect(h.odoo.get('account.move', second[0].odooId!)!.state).toBe('posted');
  });

  it('after a create without an answer, waits for Odoo to settle before creating again', async () => {
    h.odoo.faults.html504({ model: 'account.move', method: 'create' }); // nothing committed, answer lost
    const lost = await intents.ensure(spec('test-settle'), [bill('S1')]);
    expect(lost[0].result).toBe('pending');
    expect(moves('S1')).toHaveLength(0);
    h.odoo.calls.reset();
    const soon = await intents.ensure(spec('test-settle'), [bill('S1')]);
    expect(soon[0].result).toBe('pending');
    expect(soon[0].error).toMatch(/nouvel essai après/);
    expect(h.odoo.calls.count('account.move', 'create')).toBe(0);
    // Past twice the Odoo deadline (ODOO_TIMEOUT_MS=1500 in the harness), the search still finds
    // nothing: the record was never made, so it is created, once.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const later = await intents.ensure(spec('test-settle'), [bill('S1')]);
    expect(later[0].result).toBe('created');
    expect(moves('S1')).toHaveLength(1);
  });
});
