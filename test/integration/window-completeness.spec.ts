import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects';
import { startPushServer, type PushServer } from './jobs.helpers';
import { count, REFERENCE_DAY, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

/** An answer lacking documents we already hold for its days is an outage, never a success. */
describeDialects('outage rule: Urcoopa answers without documents we hold for those days', (dialect) => {
  let h: ImportHarness;
  let kuma: PushServer;
  let invoiceNumbers: string[];

  beforeAll(async () => {
    kuma = await startPushServer();
    h = await startImportHarness({
      dialect,
      world: { invoices: 12, seed: 21 },
      env: {
        UPTIME_KUMA_PUSH_URL_FACTURES: `${kuma.url}/api/push/fact`,
        UPTIME_KUMA_PUSH_URL_LIVRAISON: `${kuma.url}/api/push/livr`,
      },
    });
    expect((await h.get('/Recupere_Factures/', WINDOW)).body.status).toBe('succeeded');
    expect((await h.get('/recupere_livraison/', WINDOW)).body.status).toBe('succeeded');
    invoiceNumbers = (
      await rows<{ n: string }>(h, 'SELECT DISTINCT Numero_Facture AS n FROM sic_urcoopa_facture ORDER BY 1')
    ).map((r) => r.n);
    expect(invoiceNumbers).toHaveLength(12);
  });
  afterAll(async () => {
    await h?.close();
    await kuma?.close();
  });
  beforeEach(() => h.urcoopa.faults.clear());

  it('an empty invoice window: partial, a French message naming the numbers, Kuma down, nothing deleted', async () => {
    const lines = await count(h, 'sic_urcoopa_facture');
    // Every slice of the window answered empty.
    h.urcoopa.faults.inject('Get_Factures', { emptyAnswer: 'emptyArrays' });
    const pushed = kuma.next();
    const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status).toBe(207);
    expect(body.status).toBe('partial');
    const error = body.recordErrors[0];
    expect(error).toMatchObject({
      code: 'URCOOPA_INCOMPLETE_ANSWER',
      record: 'fenêtre du 2025-09-15 au 2025-10-14',
    });
    expect(error.message).toMatch(/^Réponse d'Urcoopa incomplète : 12 facture\(s\) déjà reçu\(s\)/);
    for (const n of invoiceNumbers) expect(error.message).toContain(n);
    expect(error.message).toContain("rien n'a été supprimé");
    expect(body.errorSummary).toContain("Réponse d'Urcoopa incomplète");
    const push = await pushed;
    expect(push.searchParams.get('status')).toBe('down');
    expect(push.searchParams.get('msg')).toContain("Réponse d'Urcoopa incomplète");
    expect(await count(h, 'sic_urcoopa_facture')).toBe(lines);
  });

  it('an answer lacking one of them names only that one', async () => {
    const invoices = h.urcoopa.world.invoices;
    const index = invoices.findIndex((i) => i.Numero_Facture === invoiceNumbers[3]);
    const [gone] = invoices.splice(index, 1);
    try {
      h.urcoopa.faults.inject('Get_Factures', { badInvoice: 'wrongType', times: 1 });
      const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
      expect(status).toBe(207);
      const outage = body.recordErrors.filter((e) => e.code === 'URCOOPA_INCOMPLETE_ANSWER');
      expect(outage).toHaveLength(1);
      expect(outage[0].message).toContain(
        `: 1 facture(s) déjà reçu(s) pour ces jours manque(nt) dans sa réponse (${invoiceNumbers[3]})`,
      );
    } finally {
      invoices.splice(index, 0, gone);
    }
  });

  it('an empty delivery window is an outage too', async () => {
    const notes = await count(h, 'sic_urcoopa_livraison');
    expect(notes).toBeGreaterThan(0);
    h.urcoopa.faults.inject('Get_Livraisons', { emptyAnswer: 'emptyString' });
    const { status, body } = await h.get('/recupere_livraison/', WINDOW);
    expect(status).toBe(207);
    expect(body.recordErrors[0]).toMatchObject({ code: 'URCOOPA_INCOMPLETE_ANSWER' });
    expect(body.recordErrors[0].message).toMatch(/BL déjà reçu/);
    expect(await count(h, 'sic_urcoopa_livraison')).toBe(notes);
  });

  it('an empty window with nothing known for those days stays a success', async () => {
    const pushed = kuma.next();
    const { status, body } = await h.get('/Recupere_Factures/', 'nb_jours=5&dateReference=2024-01-10');
    expect(status).toBe(200);
    expect(body.status).toBe('succeeded');
    expect(body.counts).toMatchObject({ read: 0, created: 0 });
    expect((await pushed).searchParams.get('status')).toBe('up');
  });

  it('the full answer again: succeeded', async () => {
    const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ unchanged: 12 });
  });
});
