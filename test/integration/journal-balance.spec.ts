import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPreview, type JournalLine } from '../../src/accounting/accounting-figures';
import { dec, Decimal } from '../../src/common/money';
import { startImportHarness, TEST_API_KEY, type ImportHarness } from './invoice-import.helpers';

function sides(journal: JournalLine[]): { debit: string; credit: string } {
  const sum = (pick: (j: JournalLine) => string | null) =>
    journal.reduce((total, j) => total.plus(pick(j) ?? '0'), new Decimal(0)).toFixed(2);
  return { debit: sum((j) => j.debit), credit: sum((j) => j.credit) };
}

/** A journal entry balances: the /comptabilite preview of every month, Σ debit = Σ credit. */
describe('journal preview', () => {
  it('balances whatever the signs of the net amounts (credit notes above invoices)', () => {
    for (const [ht, intr, tva] of [
      ['1125.88', '12.34', '23.92'],
      ['-300.10', '0.00', '-6.30'],
      ['0.00', '-5.00', '0.00'],
    ]) {
      const journal = journalPreview({ ht: dec(ht), intr: dec(intr), tva: dec(tva) });
      const { debit, credit } = sides(journal);
      expect(debit).toBe(credit);
      for (const j of journal) expect(j.debit === null || j.credit === null).toBe(true);
    }
  });

  describe('every month of an imported world (MariaDB)', () => {
    let h: ImportHarness;
    beforeAll(async () => {
      h = await startImportHarness({ world: { invoices: 160, days: 92, seed: 12 } });
      const res = await h.get('/Recupere_Factures/', 'nb_jours=92&dateReference=2025-10-14');
      expect(res.body.counts.created).toBe(160);
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    it('balances for July to October 2025, amounts included', async () => {
      let withAmounts = 0;
      for (const month of [7, 8, 9, 10]) {
        const res = await h.app.http
          .get(`/api/donnees-comptables/2025/${month}`)
          .set('X-API-Key', TEST_API_KEY);
        expect(res.status).toBe(200);
        const journal = res.body.journal as JournalLine[];
        const { debit, credit } = sides(journal);
        expect(debit, `2025-${month}`).toBe(credit);
        if (debit !== '0.00') withAmounts += 1;
      }
      expect(withAmounts).toBeGreaterThanOrEqual(3);
    });
  });
});
