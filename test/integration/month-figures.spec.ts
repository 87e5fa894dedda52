import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccountingService } from '../../src/accounting/accounting.service';
import { markMonthsDirty, MonthFiguresService } from '../../src/accounting/month-figures';
import { Decimal } from '../../src/common/money';
import { InvoiceListQuery } from '../../src/web/invoices/invoice-list.query';
import { startTestApp, testEnv, TestApp } from '../helpers/app';
import { createDialectDatabase, describeDialects, DialectDatabase } from '../helpers/dialects';
import { clientName, fillInvoiceLines } from '../helpers/invoice-fill';
import { seedLines } from './web-fixtures';

const dayOf = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

describeDialects('monthly figures (sync_month_figures) equal the sums of the lines', (dialect) => {
  let db: DialectDatabase;
  let t: TestApp;
  let ds: DataSource;
  let months: string[];
  beforeAll(async () => {
    db = await createDialectDatabase(dialect, 'months');
    t = await startTestApp(testEnv(db.env));
    ds = t.app.get(DataSource);
    await fillInvoiceLines(ds, 600, 6, new Date(Date.UTC(2026, 4, 31)));
    // Lines with no INTR, INTR only, odd VAT rates, a store client excluded one month.
    await ds.query(`UPDATE sic_urcoopa_facture SET Taux_TVA = 8.5 WHERE Numero_Ligne_Facture = 2`);
    const rows = await ds.query<Array<{ d: unknown }>>(
      'SELECT DISTINCT Date_Facture AS d FROM sic_urcoopa_facture',
    );
    months = [...new Set(rows.map((r) => dayOf(r.d).slice(0, 7)))].sort();
    await ds.query(
      'INSERT INTO sic_urcoopa_Exclution_mois (Nom_Client, mois_facture) VALUES (?, ?), (?, ?)',
      [clientName(7), months[3], clientName(17), months[3]],
    );
    // Written behind the jobs' back, like the fill: marked for the first reader.
    await markMonthsDirty(ds.manager, months);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('gives each month the accounting figures summed from its lines', async () => {
    const accounting = t.app.get(AccountingService);
    expect(months.length).toBeGreaterThan(12);
    for (const month of months) {
      const [year, m] = month.split('-').map(Number);
      const fromSummary = await accounting.monthFigures(year, m);
      const fromLines = await accounting.monthFiguresFromLines(year, m);
      expect({ ...fromSummary, month }).toMatchObject({ ...fromLines, month });
    }
    const excludedMonth = await accounting.monthFigures(
      ...(months[3].split('-').map(Number) as [number, number]),
    );
    expect(excludedMonth.excludedClients).toHaveLength(2);
  });

  it('gives the dashboard the invoices and header amounts of each month', async () => {
    const lines = await ds.query<Array<Record<string, unknown>>>(
      `SELECT Numero_Facture AS n, MAX(Type_Facture) AS type, MAX(Date_Facture) AS d,
         MAX(Montant_HT) AS ht, MAX(Montant_TTC) AS ttc
       FROM sic_urcoopa_facture GROUP BY Numero_Facture`,
    );
    const expected = new Map<string, { invoices: number; ht: Decimal; ttc: Decimal }>();
    for (const r of lines) {
      const key = `${dayOf(r.d).slice(0, 7)}|${String(r.type)}`;
      const e = expected.get(key) ?? { invoices: 0, ht: new Decimal(0), ttc: new Decimal(0) };
      e.invoices += 1;
      e.ht = e.ht.plus(new Decimal(r.ht as string).toDecimalPlaces(2));
      e.ttc = e.ttc.plus(new Decimal(r.ttc as string).toDecimalPlaces(2));
      expected.set(key, e);
    }
    const totals = await t.app.get(MonthFiguresService).monthTotals(months[0], months[months.length - 1]);
    expect(totals).toHaveLength(expected.size);
    for (const total of totals) {
      const e = expected.get(`${total.month}|${total.typeFacture}`)!;
      expect({
        invoices: total.invoices,
        ht: total.headHt.toFixed(2),
        ttc: total.headTtc.toFixed(2),
      }).toEqual({
        invoices: e.invoices,
        ht: e.ht.toFixed(2),
        ttc: e.ttc.toFixed(2),
      });
    }
  });

  it('gives the invoices list its count and months', async () => {
    const list = t.app.get(InvoiceListQuery);
    const scope = "UPPER(Societe_Facture) = 'VRAC' AND Code_Client NOT LIKE '5%'";
    const [{ n }] = await ds.query<Array<{ n: unknown }>>(
      `SELECT COUNT(DISTINCT Numero_Facture) AS n FROM sic_urcoopa_facture WHERE ${scope}`,
    );
    expect((await list.monthsAndCount()).total).toBe(Number(n));
    const [{ n: inMonth }] = await ds.query<Array<{ n: unknown }>>(
      `SELECT COUNT(DISTINCT Numero_Facture) AS n FROM sic_urcoopa_facture WHERE ${scope} AND Date_Facture >= ? AND Date_Facture < ?`,
      [`${months[5]}-01`, `${months[6]}-01`],
    );
    expect((await list.monthsAndCount(months[5])).total).toBe(Number(inMonth));
    expect((await list.monthsAndCount()).months).toEqual([...months].reverse());
  });

  it('shows an invoice written in this process at the next request, though reads are shared a moment', async () => {
    const list = t.app.get(InvoiceListQuery);
    const figures = t.app.get(MonthFiguresService);
    const invoicesIn = async (month: string) =>
      (await figures.monthTotals(month, month)).reduce((n, r) => n + r.invoices, 0);
    const before = await list.monthsAndCount();
    const monthBefore = await invoicesIn(months[3]);
    expect(await list.monthsAndCount()).toEqual(before); // shared, the same answer
    await seedLines(t.app, [
      {
        numero: '999000001',
        date: `${months[3]}-15`,
        codeClient: '1999',
        nomClient: 'GAEC NOUVEAU',
        ht: '10.00',
      },
    ]);
    expect((await list.monthsAndCount()).total).toBe(before.total + 1);
    expect(await invoicesIn(months[3])).toBe(monthBefore + 1);
    await ds.query("DELETE FROM sic_urcoopa_facture WHERE Numero_Facture = '999000001'");
    await markMonthsDirty(ds.manager, [months[3]]);
    expect((await list.monthsAndCount()).total).toBe(before.total);
    expect(await invoicesIn(months[3])).toBe(monthBefore);
  });
});

describeDialects('monthly figures of a month read in several pages', (dialect) => {
  let db: DialectDatabase;
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('counts an invoice cut by a page boundary once, its lines all', async () => {
    db = await createDialectDatabase(dialect, 'monthpages');
    t = await startTestApp(testEnv(db.env));
    const ds = t.app.get(DataSource);
    // 6,000 lines in one month: more than one page of 5,000, the boundary inside an invoice.
    await fillInvoiceLines(ds, 1000, 6);
    await ds.query("UPDATE sic_urcoopa_facture SET Date_Facture = '2026-05-15'");
    await markMonthsDirty(ds.manager, ['2026-05']);
    const accounting = t.app.get(AccountingService);
    expect(await accounting.monthFigures(2026, 5)).toMatchObject(
      await accounting.monthFiguresFromLines(2026, 5),
    );
    const [totals] = await t.app.get(MonthFiguresService).monthTotals('2026-05', '2026-05');
    const heads = await ds.query<Array<{ n: unknown; ht: unknown }>>(
      `SELECT COUNT(*) AS n, SUM(ht) AS ht FROM (SELECT MAX(Montant_HT) AS ht FROM sic_urcoopa_facture
         WHERE Type_Facture = ? GROUP BY Numero_Facture) h`,
      [totals.typeFacture],
    );
    expect(totals.invoices).toBe(Number(heads[0].n));
    expect(totals.headHt.toFixed(2)).toBe(new Decimal(heads[0].ht as string).toFixed(2));
    // Every line once, whatever its kind.
    const [summed] = await ds.query<Array<{ n: unknown; ht: unknown }>>(
      `SELECT SUM(line_count) + SUM(intr_line_count) AS n, SUM(ht) + SUM(intr_ht) AS ht
       FROM sync_month_figures WHERE month = '2026-05'`,
    );
    const [lines] = await ds.query<Array<{ n: unknown; ht: unknown }>>(
      'SELECT COUNT(*) AS n, SUM(Montant_HT_Ligne) AS ht FROM sic_urcoopa_facture',
    );
    expect(Number(summed.n)).toBe(6000);
    expect(Number(lines.n)).toBe(6000);
    expect(new Decimal(summed.ht as string).toFixed(2)).toBe(new Decimal(lines.ht as string).toFixed(2));
  }, 120_000);
});
