import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { receiveOrders } from '../../src/sandbox/urcoopa';
import { ledger, po, startOrdersHarness, TEST_API_KEY, type OrdersHarness } from './orders.helpers';

async function sendOrders(h: OrdersHarness) {
  const res = await h.app.http.post('/envoyer-commande/').set('X-API-Key', TEST_API_KEY);
  const orders = (res.body.result?.orders ?? []) as Array<{ po: string; outcome: string; message?: string }>;
  return { res, outcome: (name: string) => orders.find((o) => o.po === name)?.outcome };
}

const accepted = (h: OrdersHarness, numero: string) =>
  h.urcoopa.orders.filter((o) => o.accepted && o.numeroCommande === numero).length;

describeDialects(
  'job 7: every Push_Commandes answer maps to its status; crashes resolve without double orders',
  (dialect) => {
    let h: OrdersHarness;

    beforeAll(async () => {
      h = await startOrdersHarness({
        dialect,
        purchaseOrders: [
          po('P0007101', { dateOrder: '2025-10-13 05:00:00' }),
          po('P0007102', { dateOrder: '2025-10-13 05:01:00' }),
          po('P0007103', { dateOrder: '2025-10-13 05:02:00' }),
          po('P0007104', { dateOrder: '2025-10-13 05:03:00' }),
        ],
      });
    }, 60_000);
    afterAll(() => h?.close());

    it('settles a crash between push and record, lost answers, empty answers and server errors', async () => {
      // A previous run pushed P0007101 and died before recording the outcome.
      const order = {
        Societe: 'UR',
        Code_Client: '5010',
        Numero_Commande: 'P0007101',
        Date_Livraison_Souhaitee: '20251013',
        Ligne_Commande: [
          { Numero_ligne: 1, Code_Produit: '31040N25AA', Quantite_Commandee: 40, Unite_Commande: 'UN' },
        ],
      };
      expect(receiveOrders(JSON.stringify({ commande: [order] }), h.urcoopa.orders)).toMatch(/enregistrée/);
      await h.db.query(
        "INSERT INTO sic_urcoopa_commande_odoo (Numero_Commande, status, attempts) VALUES ('P0007101', 'sending', 1)",
      );
      h.urcoopa.faults
        .inject('Push_Commandes', { latencyMs: 1, times: 1 }) // P0007101: answered normally
        .inject('Push_Commandes', { truncatedBody: 'close', times: 1 }) // P0007102: taken, answer lost…
        .inject('Push_Commandes', { latencyMs: 1, times: 1 }) // …and pushed again in the run
        .inject('Push_Commandes', { emptyAnswer: true, times: 3 }) // P0007103: nothing acknowledged, 3 times
        .inject('Push_Commandes', { http500: true, times: 3 }); // P0007104: every attempt fails

      const first = await sendOrders(h);
      expect(first.outcome('P0007101')).toBe('already_received');
      expect(first.outcome('P0007102')).toBe('already_received');
      expect(first.outcome('P0007103')).toBe('error');
      expect(first.outcome('P0007104')).toBe('error');
      expect(first.res.status).toBe(207);
      const rows = await ledger(h.db);
      expect(rows.get('P0007101')).toMatchObject({ status: 'already_received', attempts: 2 });
      expect(rows.get('P0007101')?.last_response).toMatch(/déjà enregistrée/);
      expect(rows.get('P0007103')?.status).toBe('error');
      expect(rows.get('P0007104')?.last_response).toMatch(/HTTP 500/);

      const second = await sendOrders(h);
      expect(second.res.status).toBe(200);
      expect(second.outcome('P0007101')).toBe('skipped');
      expect(second.outcome('P0007102')).toBe('skipped');
      expect(second.outcome('P0007103')).toBe('sent');
      expect(second.outcome('P0007104')).toBe('sent');
      for (const numero of ['P0007101', 'P0007102', 'P0007103', 'P0007104'])
        expect(accepted(h, numero)).toBe(1);
      expect((await ledger(h.db)).get('P0007104')).toMatchObject({ status: 'sent', attempts: 2 });
    });
  },
);

describeDialects('job 7: a refused API key fails the run', (dialect) => {
  let h: OrdersHarness;

  beforeAll(async () => {
    h = await startOrdersHarness({
      dialect,
      purchaseOrders: [po('P0007201'), po('P0007202', { dateOrder: '2025-10-13 06:00:00' })],
      env: { API_KEY_URCOOPA: 'not-the-right-key' },
    });
  }, 60_000);
  afterAll(() => h?.close());

  it('records auth_failed, pushes nothing more, answers 502 and never counts it as sent', async () => {
    const run = await sendOrders(h);
    expect(run.res.status).toBe(502);
    expect(run.res.body.status).toBe('failed');
    expect(run.res.body.errorSummary).toMatch(/clé API/);
    expect(run.outcome('P0007201')).toBe('auth_failed');
    expect(run.outcome('P0007202')).toBe('not_attempted');
    const rows = await ledger(h.db);
    expect(rows.get('P0007201')?.status).toBe('auth_failed');
    expect(rows.has('P0007202')).toBe(false);
    expect(h.urcoopa.calls.count('Push_Commandes')).toBe(1);
    expect(JSON.stringify(run.res.body)).not.toContain('not-the-right-key');
  });
});
