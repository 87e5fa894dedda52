import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { ledger, po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';

async function sendOrders(h: OrdersHarness) {
  const res = await h.app.http.post('/envoyer-commande/').set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as Array<{ po: string; outcome: string; message?: string }>;
  return { res, outcome: (name: string) => orders.find((o) => o.po === name)?.outcome };
}

describeDialects(
  'job 7: a second PO with the number of an order already sent is reported, not skipped as sent',
  (dialect) => {
    let h: OrdersHarness;

    beforeAll(async () => {
      h = await startOrdersHarness({
        dialect,
        purchaseOrders: [
          po('P0007301', { partnerRef: 'GESICA706731' }),
          // Same Gesica number, still a draft of a store during the first run.
          po('P0007302', { partnerRef: 'GESICA706731', state: 'draft', dateOrder: '2025-10-13 06:00:00' }),
        ],
      });
    }, 60_000);
    afterAll(() => h?.close());

    it('names the PO and the number taken by the other one', async () => {
      const first = await sendOrders(h);
      expect(first.outcome('P0007301')).toBe('sent');
      expect((await ledger(h.db)).get('706731')).toMatchObject({ status: 'sent' });

      const twin = h.odoo.records('purchase.order').find((p) => p.name === 'P0007302')!;
      h.odoo.update('purchase.order', twin.id, { state: 'purchase' });
      const second = await sendOrders(h);
      expect(second.outcome('P0007301')).toBe('skipped');
      expect(second.outcome('P0007302')).toBe('invalid');
      expect(second.res.status).toBe(207);
      expect(second.res.body.result.recordErrors ?? second.res.body.recordErrors).toEqual([
        expect.objectContaining({
          record: '706731',
          code: 'ORDERS_DUPLICATE_NUMBER',
          message: expect.stringMatching(/P0007302.*P0007301/),
        }),
      ]);
      expect(h.urcoopa.orders.filter((o) => o.numeroCommande === '706731')).toHaveLength(1);
    });
  },
);
