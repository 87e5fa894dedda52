import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { dec } from '../../src/common/money';
import { CANCELLED_IN_ODOO, OdooIntentService } from '../../src/odoo-sync/odoo-intent.service';
import {
  MOVE_MATCH_FIELDS,
  type OdooIntentRequest,
  type OdooIntentSpec,
} from '../../src/odoo-sync/odoo-intent.types';
import { OdooSyncModule } from '../../src/odoo-sync/odoo-sync.module';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { describeDialects } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

const spec = (kind: string, post = false): OdooIntentSpec => ({
  kind,
  model: 'account.move',
  moveKey: true,
  matchFields: MOVE_MATCH_FIELDS,
  checkTotals: true,
  confirmMethod: post ? 'action_post' : undefined,
});

/** Our moves are known by company + move type + partner + ref; payment_reference is left to Odoo. */
describeDialects('Odoo move key, cancelled moves, ODOO_POST_MOVES', (dialect) => {
  let h: OdooSyncHarness;
  let intents: OdooIntentService;
  let productId: number;

  beforeAll(async () => {
    h = await startOdooSyncHarness({ dialect, extraModules: [OdooSyncModule] });
    intents = h.app.app.get(OdooIntentService);
    productId = h.odoo.records('product.product')[0].id;
  });
  afterAll(() => h?.close());
  beforeEach(() => h.odoo.faults.clear());

  function bill(key: string, overrides: Record<string, unknown> = {}): OdooIntentRequest {
    return {
      businessKey: key,
      companyId: SICALAIT_COMPANY_ID,
      values: {
        move_type: 'in_invoice',
        partner_id: URCOOPA_PARTNER_ID,
        company_id: SICALAIT_COMPANY_ID,
        ref: key,
        invoice_date: '2025-10-14',
        invoice_line_ids: [[0, 0, { product_id: productId, quantity: 1, price_unit: 10 }]],
        ...overrides,
      },
      expectedTotals: { untaxed: dec('10'), tax: dec('0'), total: dec('10') },
    };
  }
  const moves = (ref: string) => h.odoo.records('account.move').filter((m) => m.ref === ref);
  const forget = (kind: string) => h.db.query('DELETE FROM sync_odoo_intent WHERE kind = ?', [kind]);
  const create = (values: Record<string, unknown>) =>
    intents['odoo'].create('account.move', values, { companyIds: [SICALAIT_COMPANY_ID] });

  it('writes no marker in payment_reference, and adopts a move by its key when our bookkeeping is lost', async () => {
    const [first] = await intents.ensure(spec('key-bill'), [bill('K1')]);
    expect(first.result).toBe('created');
    expect(h.odoo.get('account.move', first.odooId!)!.payment_reference).toBeFalsy();

    await forget('key-bill');
    const [again] = await intents.ensure(spec('key-bill'), [bill('K1')]);
    expect(again).toMatchObject({ result: 'adopted', odooId: first.odooId });
    expect(moves('K1')).toHaveLength(1);
  });

  it('the same ref with another type or partner is another move', async () => {
    const other = await create({ ...bill('K2').values, move_type: 'out_invoice' });
    const [out] = await intents.ensure(spec('key-bill'), [bill('K2')]);
    expect(out.result).toBe('created');
    expect(out.odooId).not.toBe(other);
    expect(moves('K2')).toHaveLength(2);
  });

  it('a move made before the key rule, carrying the old marker, is still adopted', async () => {
    const old = await create({
      ...bill('K3').values,
      payment_reference: 'URCOOPA-SYNC/key-legacy/K3',
      ref: 'autre',
    });
    const [out] = await intents.ensure(spec('key-legacy'), [bill('K3', { ref: 'autre' })]);
    expect(out).toMatchObject({ result: 'adopted', odooId: old });
  });

  it('a cancelled move is not adopted: conflict CANCELLED_IN_ODOO until staff create it again', async () => {
    const cancelled = await create(bill('K4').values);
    h.odoo.update('account.move', cancelled, { state: 'cancel' });
    const [out] = await intents.ensure(spec('key-cancel'), [bill('K4')]);
    expect(out).toMatchObject({ result: 'conflict', errorCode: CANCELLED_IN_ODOO, odooId: cancelled });
    expect(out.error).toMatch(/est annulé dans Odoo/);
    expect(moves('K4')).toHaveLength(1);
    // Left as it is: later runs change nothing.
    const [later] = await intents.ensure(spec('key-cancel'), [bill('K4')]);
    expect(later).toMatchObject({ result: 'conflict', errorCode: CANCELLED_IN_ODOO });
    expect(moves('K4')).toHaveLength(1);

    // "Créer à nouveau dans Odoo": the intent is pending again, the cancelled move passed over.
    await h.db.query(
      "UPDATE sync_odoo_intent SET status = 'pending', attempts = 0 WHERE kind = 'key-cancel' AND business_key = 'K4'",
    );
    const [recreated] = await intents.ensure(spec('key-cancel'), [bill('K4')]);
    expect(recreated.result).toBe('created');
    expect(recreated.odooId).not.toBe(cancelled);
    expect(
      moves('K4')
        .map((m) => m.state)
        .sort(),
    ).toEqual(['cancel', 'draft']);
    const [rerun] = await intents.ensure(spec('key-cancel'), [bill('K4')]);
    expect(rerun).toMatchObject({ result: 'existing', odooId: recreated.odooId });
  });

  it('ODOO_POST_MOVES posts the moves created while on, never the drafts created before', async () => {
    const [draft] = await intents.ensure(spec('key-post'), [bill('P1')]);
    expect(draft.odooState).toBe('draft');
    const [oldDraft, fresh] = await intents.ensure(spec('key-post', true), [bill('P1'), bill('P2')]);
    expect(oldDraft).toMatchObject({ result: 'existing', odooState: 'draft' });
    expect(fresh).toMatchObject({ result: 'created', odooState: 'posted' });
    expect(h.odoo.get('account.move', draft.odooId!)!.state).toBe('draft');
    expect(h.odoo.get('account.move', fresh.odooId!)!.state).toBe('posted');
  });
});
