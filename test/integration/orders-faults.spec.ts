import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { ledger, po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';

async function sendOrders(h: OrdersHarness) {
  const res = await h.app.http.post('/envoyer-commande/').set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as Array<{ po: string; outcome: string; message?: string }>;
  return { res, outcome: (name: string) => orders.find((o) => o.po === name)?.outcome };
}

/**
 * Push_Commandes failing on every attempt of a run (HTML 500, no answer in time, connection reset
 * after Urcoopa took the request): the order is left 'error', and the next run delivers it without
 * losing it or making Urcoopa hold it twice.
 */
describeDialects(
  'job 7: Push_Commandes faults leave an order the next run settles, exactly once',
  (dialect) => {
    let h: OrdersHarness;

    beforeAll(async () => {
      h = await startOrdersHarness({
        dialect,
        purchaseOrders: [
          po('P0008101', { dateOrder: '2025-10-13 05:00:00' }),
          po('P0008102', { dateOrder: '2025-10-13 05:01:00' }),
          po('P0008103', { dateOrder: '2025-10-13 05:02:00' }),
        ],
        env: { URCOOPA_TIMEOUT_MS: '400' },
      });
    }, 60_000);
    afterAll(() => h?.close());

    const kept = (numero: string) =>
      h.urcoopa.orders.filter((o) => o.accepted && o.numeroCommande === numero);

    it('HTML 500, no answer in time, reset after sending: error now, delivered once by the next run', async () => {
      h.urcoopa.faults
        .inject('Push_Commandes', { http500: true, times: 3 }) // P0008101: nothing taken
        .inject('Push_Commandes', { latencyMs: 700, times: 3 }) // P0008102: taken, no answer in time
        .inject('Push_Commandes', { truncatedBody: 'close', times: 3 }); // P0008103: taken, connection cut
      const first = await sendOrders(h);
      expect(first.res.status).toBe(207);
      const rows = await ledger(h.db);
      for (const [numero, reason] of [
        ['P0008101', 'HTTP 500'],
        ['P0008102', 'no answer within 400 ms'],
        ['P0008103', 'cut mid-answer'],
      ]) {
        expect(first.outcome(numero)).toBe('error');
        expect(rows.get(numero)?.status).toBe('error');
        expect(rows.get(numero)?.last_response).toContain(reason);
      }
      expect(kept('P0008101')).toHaveLength(0);
      // Urcoopa took the other two once, whatever it did with the repeated requests.
      expect(kept('P0008102')).toHaveLength(1);
      expect(kept('P0008103')).toHaveLength(1);

      const second = await sendOrders(h);
      expect(second.res.status).toBe(200);
      expect(second.outcome('P0008101')).toBe('sent');
      expect(second.outcome('P0008102')).toBe('already_received');
      expect(second.outcome('P0008103')).toBe('already_received');

      const third = await sendOrders(h);
      for (const numero of ['P0008101', 'P0008102', 'P0008103']) {
        expect(third.outcome(numero)).toBe('skipped');
        expect(kept(numero)).toHaveLength(1);
      }
    });
  },
);
