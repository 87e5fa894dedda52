import { DataSource } from 'typeorm';
import { createTestDatabase } from '../test/helpers/mysql';
import { mysqlEnv, startTestApp, testEnv } from '../test/helpers/app';
import { InvoiceListQuery } from '../src/web/invoices/invoice-list.query';
import { fillInvoiceLines } from '../test/helpers/invoice-fill';

async function main() {
  const db = await createTestDatabase('pg');
  const t = await startTestApp({ ...testEnv(), ...mysqlEnv(db.config) });
  try {
    const ds = t.app.get(DataSource);
    let s = performance.now();
    await fillInvoiceLines(ds, 10_000, 10);
    console.log('fill', performance.now() - s);
    await ds.query('ANALYZE TABLE sic_urcoopa_facture');
    const q = t.app.get(InvoiceListQuery);
    const logger = ds.logger;
    const sqls: string[] = [];
    const orig = ds.query.bind(ds);
    (ds as any).query = async (sql: string, p?: unknown[]) => { sqls.push(sql); const st = performance.now(); const r = await orig(sql, p); console.log((performance.now()-st).toFixed(1),'ms', sql.slice(0,90).replace(/\s+/g,' ')); if (sql.startsWith('SELECT')) { const ex = await orig('EXPLAIN ' + sql, p); console.log(ex.map((e: any) => `${e.table} ${e.type} ${e.key} rows=${e.rows} ${e.Extra}`).join('\n')); } return r; };
    for (const f of [{}, { page: 50 }, { q: 'VOLCAN' }, { q: '2510' }, { q: '2' }, { q: 'EARL DU VOLCAN' }, { q: 'DU VOLPI' }, { q: 'VOLPIVOL' }, { q: '261009971' }, { statut: 'a_traiter' }, { categorie: 'inconnu' }, { mois: '2025-10' }]) {
      console.log('==', JSON.stringify(f));
      const r = await q.list(f as any);
      console.log('rows', r.rows.length, r.nextCursor);
      if (r.nextCursor) { const r2 = await q.list({ ...f, apres: r.nextCursor, page: 2 } as any); console.log('next rows', r2.rows.length, r2.prevCursor); }
      await q.count((f as any).mois);
    }
    await q.months();
  } finally {
    await t.close();
    await db.drop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
