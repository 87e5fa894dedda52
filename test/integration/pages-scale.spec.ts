import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceListQuery, PAGE_SIZE } from '../../src/web/invoices/invoice-list.query';
import type { InvoiceListQueryDto } from '../../src/web/invoices/dto/invoice-list-query.dto';
import { mysqlEnv, startTestApp, testEnv, TestApp } from '../helpers/app';
import { clientName, fillInvoiceLines } from '../helpers/invoice-fill';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';

const INVOICES = 2000;
const LINES = 10;

/** The SQL a call sends, each statement with its parameters (the real database answers). */
async function statementsOf(ds: DataSource, fn: () => Promise<unknown>) {
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const original = ds.query.bind(ds);
  const spy = (sql: string, params?: unknown[]) => {
    seen.push({ sql, params: params ?? [] });
    return original(sql, params);
  };
  Object.assign(ds, { query: spy });
  try {
    await fn();
  } finally {
    Object.assign(ds, { query: original });
  }
  return seen;
}

describe('member invoices list at scale (MariaDB)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let ds: DataSource;
  let list: InvoiceListQuery;
  beforeAll(async () => {
    db = await createTestDatabase('scale');
    t = await startTestApp(testEnv(mysqlEnv(db.config)));
    ds = t.app.get(DataSource);
    await fillInvoiceLines(ds, INVOICES, LINES);
    await ds.query('ANALYZE TABLE sic_urcoopa_facture');
    list = t.app.get(InvoiceListQuery);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('walks the pages by cursor exactly as by page number, both ways', async () => {
    const filters: InvoiceListQueryDto = { statut: 'a_traiter' };
    const byNumber = [];
    for (let page = 1; page <= 4; page += 1) byNumber.push(await list.list({ ...filters, page }));
    let current = byNumber[0];
    for (let page = 2; page <= 4; page += 1) {
      expect(current.nextCursor).not.toBeNull();
      current = await list.list({ ...filters, page, apres: current.nextCursor! });
      expect(current.rows.map((r) => r.numero)).toEqual(byNumber[page - 1].rows.map((r) => r.numero));
    }
    const back = await list.list({ ...filters, page: 3, avant: current.prevCursor! });
    expect(back.rows.map((r) => r.numero)).toEqual(byNumber[2].rows.map((r) => r.numero));
    expect(back.rows).toEqual(byNumber[2].rows);
  });

  it('finds invoices by number prefix, client code prefix and a word of the name', async () => {
    const all = await ds.query<Array<{ n: string; code: string; nom: string }>>(
      `SELECT DISTINCT Numero_Facture AS n, Code_Client AS code, Nom_Client AS nom FROM sic_urcoopa_facture
       WHERE Societe_Facture = 'VRAC' AND Code_Client NOT LIKE '5%'`,
    );
    const word = clientName(21).split(' ')[2];
    const expected = all.filter((r) => r.nom.split(' ').some((w) => w.startsWith(word))).map((r) => r.n);
    expect(expected.length).toBeGreaterThan(0);
    const found = await list.list({ q: word.toLowerCase() });
    expect(found.rows.map((r) => r.numero).sort()).toEqual(expected.sort().slice(0, 25));
    const code = all[0].code;
    const byCode = await list.list({ q: code });
    expect(byCode.rows.length).toBeGreaterThan(0);
    expect(byCode.rows.every((r) => r.codeClient.startsWith(code) || r.numero.startsWith(code))).toBe(true);
    const numero = all[0].n;
    const byNumber = await list.list({ q: numero });
    expect(byNumber.rows.map((r) => r.numero)).toContain(numero);
  });

  it('reads no page through a full scan (ANALYZE)', async () => {
    const [{ n: tableRows }] = await ds.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM sic_urcoopa_facture',
    );
    // The bound below is far under the table's size: reading the table would fail it.
    expect(2 * PAGE_SIZE * LINES * 1.5).toBeLessThan(Number(tableRows) / 10);
    const first = await list.list({});
    const cases: InvoiceListQueryDto[] = [
      {},
      { page: 20 },
      { page: 2, apres: first.nextCursor! },
      { page: 1, avant: first.rows[5] ? `${first.rows[5].date}_${first.rows[5].numero}` : undefined },
      { statut: 'a_traiter' },
      { statut: 'validees', mois: '2025-10' },
      { q: clientName(7).split(' ')[2] },
      { q: first.rows[0].numero.slice(0, 7) },
      { q: first.rows[0].codeClient },
      { q: 'EARL DU' },
    ];
    for (const filters of cases) {
      const statements = await statementsOf(ds, () => list.list(filters));
      for (const { sql, params } of statements.filter((s) => /^\s*SELECT/i.test(s.sql))) {
        // ANALYZE runs the statement and reports the rows each step really read (r_rows): EXPLAIN's
        // estimate ignores a LIMIT inside a derived table.
        const plan = await ds.query<
          Array<{ table: string; type: string; r_rows: number | null; key: string | null }>
        >(`ANALYZE ${sql}`, params);
        for (const step of plan.filter((p) => p.table === 'f')) {
          const where = `${JSON.stringify(filters)}: ${step.type} ${step.key} r_rows=${step.r_rows} in ${sql}`;
          expect(step.type, where).not.toBe('ALL');
          // An index walk is fine only when it stops early (ORDER BY … LIMIT on that index): it reads
          // the lines of the pages up to this one (an old `page=` link walks the skipped ones), not
          // the table's.
          const skipped = ((filters.apres || filters.avant ? 1 : (filters.page ?? 1)) - 1) * PAGE_SIZE;
          if (step.type === 'index')
            expect(Number(step.r_rows), where).toBeLessThan((skipped + 2 * PAGE_SIZE) * LINES * 1.5);
        }
      }
    }
  });
});
