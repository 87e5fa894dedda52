import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { UrcoopaFault } from '../../src/sandbox/urcoopa';
import {
  count,
  REFERENCE_DAY,
  rows,
  startImportHarness,
  URCOOPA_KEY,
  type ImportHarness,
} from './invoice-import.helpers';
import { describeDialects } from '../helpers/dialects';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

/** What Urcoopa's failures do to a run of job 1: a clear error, nothing lost or half-written. */
describeDialects('invoice import when Urcoopa or the database fails', (dialect) => {
  let h: ImportHarness;
  let snapshot: () => Promise<unknown[]>;

  beforeAll(async () => {
    h = await startImportHarness({
      dialect,
      world: { invoices: 30, seed: 11 },
      env: { URCOOPA_TIMEOUT_MS: '1000' },
    });
    snapshot = () =>
      rows(h, 'SELECT * FROM sic_urcoopa_facture ORDER BY Numero_Facture, Numero_Ligne_Facture') as Promise<
        unknown[]
      >;
    const first = await h.get('/Recupere_Factures/', WINDOW);
    expect(first.body.counts.created).toBe(30);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h.urcoopa.faults.clear());

  it.each<[string, UrcoopaFault, string, RegExp]>([
    ['HTTP 500', { http500: true }, 'URCOOPA_HTTP_ERROR', /HTTP 500/],
    [
      'SOAP fault',
      { soapFault: 'Base Urcoopa indisponible' },
      'URCOOPA_SOAP_FAULT',
      /Base Urcoopa indisponible/,
    ],
    ['latency beyond the deadline', { latencyMs: 1500 }, 'URCOOPA_TIMEOUT', /no answer within 1000 ms/],
    ['connection cut', { truncatedBody: 'close' }, 'URCOOPA_NETWORK', /cut mid-answer/],
    ['half an answer', { truncatedBody: 'end' }, 'URCOOPA_BAD_RESPONSE', /truncated/],
    [
      'malformed JSON',
      { malformedJson: true },
      'URCOOPA_MALFORMED_PAYLOAD',
      /not valid JSON.*Nothing was written/,
    ],
  ])(
    '%s: the run fails with a clear reason (502) and the table is untouched',
    async (_name, fault, code, reason) => {
      const before = await snapshot();
      h.urcoopa.faults.inject('Get_Factures', fault);
      const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
      expect(status).toBe(502);
      expect(body.status).toBe('failed');
      expect(body.failure).toMatchObject({ code, external: true });
      expect(body.errorSummary).toMatch(reason);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('retries a transient failure within the run', async () => {
    h.urcoopa.faults.inject('Get_Factures', { http500: true, times: 1 });
    const calls = h.urcoopa.calls.count('Get_Factures');
    const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ created: 0, unchanged: 30 });
    // The first slice asked twice (the failure, then its retry), each other slice once.
    const run = h.urcoopa.calls.entries.filter((c) => c.operation === 'Get_Factures').slice(calls);
    expect(run[1].params).toEqual(run[0].params);
    expect(new Set(run.map((c) => JSON.stringify(c.params))).size).toBe(run.length - 1);
  });

  it('an empty answer for days we hold invoices of is an outage (partial), and deletes nothing', async () => {
    for (const emptyAnswer of ['emptyString', 'emptyObject', 'emptyArrays'] as const) {
      h.urcoopa.faults.inject('Get_Factures', { emptyAnswer });
      const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
      h.urcoopa.faults.clear('Get_Factures');
      expect(status).toBe(207);
      expect(body.counts).toMatchObject({ read: 0, created: 0 });
      expect(body.recordErrors[0]).toMatchObject({ code: 'URCOOPA_INCOMPLETE_ANSWER' });
    }
    expect(await count(h, 'sic_urcoopa_facture WHERE Numero_Ligne_Facture >= 0')).toBeGreaterThan(0);
  });

  it('a record with a missing or wrongly typed field is rejected, the others are stored', async () => {
    for (const badInvoice of ['missingField', 'wrongType'] as const) {
      h.urcoopa.faults.inject('Get_Factures', { badInvoice, times: 1 });
      const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
      expect(status).toBe(207);
      expect(body.counts).toMatchObject({ read: 31, rejected: 1, unchanged: 30 });
      expect(body.recordErrors[0]).toMatchObject({
        field: badInvoice === 'missingField' ? 'Numero_Facture' : 'Montant_HT',
      });
    }
    expect(await count(h, "sync_rejected_payload WHERE kind = 'facture'")).toBe(2);
  });

  it('a refused key fails the run as an authentication error; the key never shows', async () => {
    const { status, body } = await h.get('/Recupere_Factures/', `${WINDOW}&xCleAPI=cle-refusee-0042`);
    expect(status).toBe(502);
    expect(body.failure).toMatchObject({ code: 'URCOOPA_AUTH_FAILED' });
    const ok = await h.get('/Recupere_Factures/', `${WINDOW}&xCleAPI=${URCOOPA_KEY}`);
    expect(ok.status).toBe(200);
    const stored = JSON.stringify(await rows(h, 'SELECT * FROM sync_job_run'));
    for (const text of [JSON.stringify(body), JSON.stringify(ok.body), stored]) {
      expect(text).not.toContain('cle-refusee-0042');
      expect(text).not.toContain(URCOOPA_KEY);
    }
    const openapi = await h.app.http.get('/docs-json');
    expect(openapi.text).not.toContain(URCOOPA_KEY);
  });

  it('a database failure in the middle of a batch leaves no half invoice; the rerun completes it', async () => {
    const victim = h.world.invoices.find((i) => i.Detail.length >= 3)!;
    const extra = { ...structuredClone(victim), Numero_Facture: '259990001' };
    const other = { ...structuredClone(victim), Numero_Facture: '259990002' };
    h.urcoopa.world = { ...h.urcoopa.world, invoices: [...h.urcoopa.world.invoices, extra, other] };
    // The database refuses line 3 of one new invoice (as a full disk or a lost connection would).
    await h.ds.query(
      dialect === 'mariadb'
        ? `CREATE TRIGGER fail_line BEFORE INSERT ON sic_urcoopa_facture FOR EACH ROW
       BEGIN IF NEW.Numero_Facture = '259990001' AND NEW.Numero_Ligne_Facture = 3 THEN
       SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disque plein'; END IF; END`
        : `CREATE TRIGGER fail_line BEFORE INSERT ON sic_urcoopa_facture FOR EACH ROW
       WHEN NEW.Numero_Facture = '259990001' AND NEW.Numero_Ligne_Facture = 3
       BEGIN SELECT RAISE(ABORT, 'disque plein'); END`,
    );
    const failed = await h.get('/Recupere_Factures/', WINDOW);
    expect(failed.status).toBe(207);
    expect(failed.body.counts).toMatchObject({ created: 1, rejected: 1, unchanged: 30 });
    expect(failed.body.recordErrors).toEqual([
      expect.objectContaining({ record: 'facture 259990001', code: 'INVOICES_WRITE_FAILED' }),
    ]);
    expect(failed.body.recordErrors[0].message).toContain('disque plein');
    expect(await count(h, "sic_urcoopa_facture WHERE Numero_Facture = '259990001'")).toBe(0);
    expect(await count(h, "sic_urcoopa_facture WHERE Numero_Facture = '259990002'")).toBe(
      other.Detail.length,
    );

    await h.ds.query('DROP TRIGGER fail_line');
    const rerun = await h.get('/Recupere_Factures/', WINDOW);
    expect(rerun.status).toBe(200);
    expect(rerun.body.counts).toMatchObject({ created: 1, unchanged: 31 });
    expect(await count(h, "sic_urcoopa_facture WHERE Numero_Facture = '259990001'")).toBe(
      extra.Detail.length,
    );
    const pending = await count(h, 'sic_urcoopa_facture WHERE enriched_at IS NULL');
    expect(pending).toBe(0);
  });
});
