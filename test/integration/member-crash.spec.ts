import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_API_KEY } from '../helpers/app';
import { movesByRef, seedInvoice } from '../helpers/invoice-seed';
import { MEMBER_INVOICES } from '../helpers/member-invoices';
import { describeDialects } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

const ROOT = resolve(__dirname, '../..');
const READY = ['251200001', '251200002'];

function startJobChild(
  env: Record<string, string | undefined>,
  job: string,
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['-r', './test/helpers/swc-register.cjs', 'test/helpers/job-child.ts', job],
    {
      cwd: ROOT,
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      if (code !== null && code !== 0) process.stderr.write(stderr);
      done(code);
    }),
  );
  return { child, exited };
}

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeDialects(
  'member injection survives a killed process and lost answers: one move per (invoice, kind)',
  (dialect) => {
    let h: OdooSyncHarness;
    const api = (path: string) => h.app.http.get(path).set('X-API-Key', TEST_API_KEY);
    const kinds = (numero: string) =>
      movesByRef(h.odoo, numero)
        .map((m) => m.move_type)
        .sort();

    beforeAll(async () => {
      h = await startOdooSyncHarness({ dialect });
      for (const invoice of MEMBER_INVOICES) await seedInvoice(h.db, invoice);
      expect((await api('/api/verification-correspondance-adherent')).body.result.ready).toBe(2);
    });
    afterAll(() => h?.close());

    it('a process killed after Odoo committed the create but before we recorded the ids', async () => {
      // Odoo commits the vendor bills' create, then never answers: the child waits (long deadline)…
      h.odoo.faults.commitThenDrop({ model: 'account.move', method: 'create', mode: 'hang' });
      const { child, exited } = startJobChild(
        { ...h.env, ODOO_TIMEOUT_MS: '120000', LOG_LEVEL: 'silent' },
        'injection-adherents',
      );
      const committed = () =>
        h.odoo.calls.entries.some((e) => e.model === 'account.move' && e.method === 'create' && e.committed);
      await until(committed, 'the create to be committed in Odoo');
      child.kill('SIGKILL'); // …and dies there, between Odoo's commit and our bookkeeping.
      expect(await exited).toBeNull();
      h.odoo.faults.clear();

      const bills = READY.flatMap((n) => movesByRef(h.odoo, n));
      expect(bills).toHaveLength(2); // the vendor bills exist in Odoo…
      const intents = await h.db.query<Array<Record<string, unknown>>>(
        "SELECT business_key, status, attempts, odoo_id FROM sync_odoo_intent WHERE kind = 'facture-adherent-achat' ORDER BY business_key",
      );
      expect(intents.map((i) => [i.business_key, i.status, i.attempts, i.odoo_id])).toEqual([
        ['251200001', 'pending', 1, null], // …but we never learnt their ids.
        ['251200002', 'pending', 1, null],
      ]);

      const rerun = await api('/api/injection-dans-odoo-donnees-adherent');
      expect(rerun.status).toBe(200);
      expect(kinds('251200001')).toEqual(['in_invoice', 'out_invoice']);
      expect(kinds('251200002')).toEqual(['in_refund', 'out_refund']);
      const results = (
        rerun.body.result.invoices as Array<{ numero: string; vendorBill: { result: string } }>
      ).filter((i) => READY.includes(i.numero));
      expect(results.map((i) => i.vendorBill.result)).toEqual(['adopted', 'adopted']);
    });

    it('a lost ledger, and a create whose answer is lost: found again, never duplicated', async () => {
      await h.db.query(
        "UPDATE sic_urcoopa_facture SET Statut_Integration_Fac_inOdoo = 'à intégrer', ID_Facture_ODOO = NULL",
      );
      await h.db.query("DELETE FROM sync_odoo_intent WHERE kind = 'facture-adherent-vente'");
      // Our ledger of the customer invoices is gone (as after a restore): the search finds them anyway.
      const res = await api('/api/injection-dans-odoo-donnees-adherent');
      expect(res.status).toBe(200);
      for (const numero of READY) expect(movesByRef(h.odoo, numero)).toHaveLength(2);

      // New invoice: the vendor bill's create commits but the connection drops, and the search that
      // follows is refused by the proxy (3 attempts of the client's read retry): the bill stays pending.
      await seedInvoice(h.db, { ...MEMBER_INVOICES[1], numero: '251200020' });
      await api('/api/verification-correspondance-adherent');
      h.odoo.faults.commitThenDrop({ model: 'account.move', method: 'create', mode: 'reset' });
      h.odoo.faults.html502({ model: 'account.move', method: 'search_read', nth: 2, times: 3 });
      const lost = await api('/api/injection-dans-odoo-donnees-adherent');
      expect(lost.status).toBe(207);
      // The bill is in Odoo but not known to us yet: the member's refund waits for it.
      expect(movesByRef(h.odoo, '251200020').map((m) => m.move_type)).toEqual(['in_refund']);
      h.odoo.faults.clear();
      const next = await api('/api/injection-dans-odoo-donnees-adherent');
      expect(next.status).toBe(200);
      expect(
        movesByRef(h.odoo, '251200020')
          .map((m) => m.move_type)
          .sort(),
      ).toEqual(['in_refund', 'out_refund']);
      const [row] = await h.db.query<Array<Record<string, unknown>>>(
        "SELECT Statut_Integration_Fac_inOdoo FROM sic_urcoopa_facture WHERE Numero_Facture = '251200020'",
      );
      expect(row.Statut_Integration_Fac_inOdoo).toBe('intégré');
    });
  },
);
