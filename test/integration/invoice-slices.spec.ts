import { afterAll, beforeAll, expect, it } from 'vitest';
import { filterWindow } from '../../src/sandbox/world/world';
import { describeDialects } from '../helpers/dialects';
import { count, REFERENCE_DAY, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;
const FIRST_DAY = '2025-09-15';
const SECOND_DAY = '2025-09-16';

/** Job 1 asks the window in slices of days: a later slice failing keeps what the earlier ones wrote. */
describeDialects('invoice import when a later slice fails', (dialect) => {
  let h: ImportHarness;

  beforeAll(async () => {
    h = await startImportHarness({
      dialect,
      world: { invoices: 90, seed: 23 },
      env: { URCOOPA_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const stored = async () =>
    (
      await rows<{ n: string }>(
        h,
        'SELECT DISTINCT Numero_Facture AS n FROM sic_urcoopa_facture ORDER BY Numero_Facture',
      )
    ).map((r) => String(r.n));
  const numbers = (days: number, reference: string) =>
    filterWindow(h.world.invoices, 'Date_Facture', days, reference)
      .map((i) => i.Numero_Facture)
      .sort();

  it('keeps the earlier slices, ends partial naming the days, and a rerun imports the rest once', async () => {
    const all = numbers(30, REFERENCE_DAY);
    const firstSlice = numbers(1, FIRST_DAY);
    expect(firstSlice.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(firstSlice.length);

    // The first Get_Factures (the window's first day) answers; every later one fails.
    h.urcoopa.faults.inject('Get_Factures', { latencyMs: 0, times: 1 });
    h.urcoopa.faults.inject('Get_Factures', { soapFault: 'Base Urcoopa indisponible' });
    const failed = await h.get('/Recupere_Factures/', WINDOW);
    h.urcoopa.faults.clear();
    expect(failed.status, JSON.stringify(failed.body)).toBe(207);
    expect(failed.body.status).toBe('partial');
    expect(failed.body.counts).toMatchObject({ read: firstSlice.length, created: firstSlice.length });
    const sliceError = failed.body.recordErrors.find((e) => e.code === 'URCOOPA_SLICE_FAILED');
    expect(sliceError).toMatchObject({ record: `fenêtre du ${SECOND_DAY} au ${REFERENCE_DAY}` });
    expect(sliceError?.message).toContain(`du ${SECOND_DAY} au ${REFERENCE_DAY}`);
    expect(sliceError?.message).toContain('Base Urcoopa indisponible');
    // The first day is stored, whole, and stays; nothing of the failed days.
    expect(await stored()).toEqual(firstSlice);
    const lines = (list: string[]) =>
      h.world.invoices
        .filter((i) => list.includes(i.Numero_Facture))
        .reduce((n, i) => n + i.Detail.length, 0);
    expect(await count(h, 'sic_urcoopa_facture')).toBe(lines(firstSlice));

    const rerun = await h.get('/Recupere_Factures/', WINDOW);
    expect(rerun.status, JSON.stringify(rerun.body.recordErrors)).toBe(200);
    expect(rerun.body.counts).toMatchObject({
      read: all.length,
      created: all.length - firstSlice.length,
      unchanged: firstSlice.length,
      updated: 0,
    });
    expect(await stored()).toEqual(all);
    expect(await count(h, 'sic_urcoopa_facture')).toBe(lines(all));

    const again = await h.get('/Recupere_Factures/', WINDOW);
    expect(again.status).toBe(200);
    expect(again.body.counts).toMatchObject({ created: 0, updated: 0, unchanged: all.length });
  });
});
