import { afterAll, beforeAll, expect, it } from 'vitest';
import { InvoiceLineEntity } from '../../src/invoices/entities/invoice-line.entity';
import { GroupedUpsert, RECORDS_PER_CHUNK } from '../../src/invoices/grouped-upsert';
import { INVOICE_TABLE } from '../../src/invoices/invoice-import.service';
import { PlainUpsert } from '../../src/invoices/plain-upsert';
import { INVOICE_CONTENT_COLUMNS, invoiceRows } from '../../src/invoices/urcoopa-rows';
import { toUrcoopaJson } from '../../src/sandbox/urcoopa';
import { parseInvoices, type UrcoopaInvoiceRecord } from '../../src/urcoopa/urcoopa-payload';
import { describeDialects } from '../helpers/dialects';
import { count, day, fixed, rows, startImportHarness, type ImportHarness } from './invoice-import.helpers';

/**
 * A chunk of 200 invoices × 12 lines is more than one statement takes: SQLite's 32,766 parameters,
 * MySQL's 65,535 placeholders, and (with long comments) MariaDB's max_allowed_packet (16 MB by
 * default). Every line must still be stored, exactly, once.
 */
describeDialects('invoice writes cut in several statements', (dialect) => {
  let h: ImportHarness;
  let records: UrcoopaInvoiceRecord[];

  beforeAll(async () => {
    h = await startImportHarness({ dialect, world: { invoices: 230, linesPerInvoice: 12, seed: 31 } });
    // 120 kB of comments per invoice: 200 invoices are more than a 16 MB packet.
    h.world.invoices.forEach((invoice, i) => {
      for (const line of invoice.Detail.slice(0, 2))
        line.Commentaires = `${i} Livré au silo ${'é'.repeat(30_000)}`;
    });
    records = parseInvoices(toUrcoopaJson({ Factures: h.world.invoices })).records;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('writes a chunk in one transaction, in as many statements as the database needs', async () => {
    // Straight through the writer: GroupedUpsert would rescue a refused chunk one invoice at a time.
    const now = new Date();
    const columns = Object.keys(invoiceRows(records[0], now)[0]);
    const writer = PlainUpsert.of(
      h.ds,
      InvoiceLineEntity,
      columns,
      ['Numero_Facture', 'Numero_Ligne_Facture'],
      INVOICE_CONTENT_COLUMNS,
    );
    const chunk = records.slice(0, RECORDS_PER_CHUNK).flatMap((r) => invoiceRows(r, now));
    const lines = chunk.map((row) => columns.map((column, i) => writer.value(i, row[column])));
    await h.ds.transaction((manager) => writer.write(manager, [{ head: [], lines }]));
    expect(await count(h, 'sic_urcoopa_facture')).toBe(chunk.length);
    await h.ds.query('DELETE FROM sic_urcoopa_facture');
  });

  it('stores every line exactly; the rerun changes nothing', async () => {
    const lines = records.reduce((n, r) => n + r.Detail.length, 0);
    expect(records.length).toBeGreaterThan(RECORDS_PER_CHUNK);
    expect(records.slice(0, RECORDS_PER_CHUNK).reduce((n, r) => n + r.Detail.length, 0)).toBeGreaterThan(
      65_535 / 30,
    );

    const first = await new GroupedUpsert(h.ds, INVOICE_TABLE).write(records);
    expect(first).toMatchObject({ created: records.map((r) => r.Numero_Facture), failures: [] });

    const stored = await rows(h, 'SELECT * FROM sic_urcoopa_facture');
    expect(stored).toHaveLength(lines);
    const byKey = new Map(
      stored.map((r) => [`${String(r.Numero_Facture)}/${String(r.Numero_Ligne_Facture)}`, r]),
    );
    for (const invoice of records)
      for (const line of invoice.Detail) {
        const row = byKey.get(`${invoice.Numero_Facture}/${line.Numero_Ligne_Facture}`);
        expect({
          Date_Facture: day(row?.Date_Facture),
          Nom_Client: row?.Nom_Client,
          Montant_HT: fixed(row?.Montant_HT, 2),
          Prix_Unitaire: fixed(row?.Prix_Unitaire, 4),
          Quantite_Facturee: fixed(row?.Quantite_Facturee, 4),
          Montant_HT_Ligne: fixed(row?.Montant_HT_Ligne, 2),
          Taux_TVA: fixed(row?.Taux_TVA, 2),
          Commentaires: row?.Commentaires,
          content_hash: row?.content_hash,
        }).toEqual({
          Date_Facture: invoice.Date_Facture,
          Nom_Client: invoice.Nom_Client,
          Montant_HT: invoice.Montant_HT.toFixed(2),
          Prix_Unitaire: line.Prix_Unitaire.toFixed(4),
          Quantite_Facturee: line.Quantite_Facturee.toFixed(4),
          Montant_HT_Ligne: line.Montant_HT_Ligne.toFixed(2),
          Taux_TVA: line.Taux_TVA.toFixed(2),
          Commentaires: line.Commentaires,
          content_hash: invoice.contentHash,
        });
      }

    const rerun = await new GroupedUpsert(h.ds, INVOICE_TABLE).write(records);
    expect(rerun).toMatchObject({ created: [], updated: [], unchanged: records.length, failures: [] });
  });
});
