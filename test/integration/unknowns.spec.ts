import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_API_KEY } from '../helpers/app';
import { movesByRef, sandboxIds, seedInvoice } from '../helpers/invoice-seed';
import { describeDialects } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';
import { MEMBER_INVOICES } from '../helpers/member-invoices';

/** A small RFC 4180 reader (quotes, doubled quotes, CRLF) to read our exports back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describeDialects('unknowns: list, CSV export, resolution, validation', (dialect) => {
  let h: OdooSyncHarness;
  let ids: ReturnType<typeof sandboxIds>;
  const api = (method: 'get' | 'post' | 'delete', path: string) =>
    h.app.http[method](path).set('X-API-Key', TEST_API_KEY);

  beforeAll(async () => {
    h = await startOdooSyncHarness({ dialect });
    ids = sandboxIds(h.odoo);
    for (const invoice of MEMBER_INVOICES) await seedInvoice(h.db, invoice);
    expect((await api('get', '/api/verification-correspondance-adherent')).status).toBe(200);
  });
  afterAll(() => h?.close());

  it('GET /les_inconnus lists each unknown once with the invoices concerned', async () => {
    const res = await api('get', '/les_inconnus');
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ adherents: 1, articles: 1, magasins: 0 });
    expect(res.body.adherents).toEqual([
      expect.objectContaining({
        nom: 'NOUVEL ELEVEUR SAINT JOSEPH',
        codeClient: '1925',
        factures: ['251200003'],
      }),
    ]);
    expect(res.body.articles).toEqual([
      expect.objectContaining({
        code: '39990X25ZZ',
        libelle: 'COMPLEMENT EXPERIMENTAL 25KG',
        factures: ['251200004'],
      }),
    ]);
  });

  it('GET /export_inconnus/:type answers CSV attachments that read back; an unknown type is a 400', async () => {
    const clients = await api('get', '/export_inconnus/clients')
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => cb(null, data));
      });
    expect(clients.status).toBe(200);
    expect(clients.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(clients.headers['content-disposition']).toBe('attachment; filename="inconnus_clients.csv"');
    const text = clients.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(text.slice(1))).toEqual([
      ['Nom_Adherent_Urcoopa', 'Code_Client', 'Nombre_Factures', 'Factures'],
      ['NOUVEL ELEVEUR SAINT JOSEPH', '1925', '1', '251200003'],
    ]);
    const all = await api('get', '/export_inconnus/all')
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString('utf8')));
        res.on('end', () => cb(null, data));
      });
    expect(parseCsv((all.body as string).slice(1))).toEqual([
      ['Type', 'Code', 'Nom_ou_Libelle', 'Nombre_Factures', 'Factures'],
      ['adherent', '1925', 'NOUVEL ELEVEUR SAINT JOSEPH', '1', '251200003'],
      ['article', '39990X25ZZ', 'COMPLEMENT EXPERIMENTAL 25KG', '1', '251200004'],
    ]);
    const bad = await api('get', '/export_inconnus/bogus');
    expect(bad.status).toBe(400);
    expect(bad.body.error ?? bad.body.code ?? JSON.stringify(bad.body)).toMatch(
      /CORRESPONDENCE_UNKNOWN_EXPORT_TYPE/,
    );
  });

  it('resolving checks the Odoo record, stores the link, re-matches at once; the next run sends them', async () => {
    const missing = await api('post', '/api/inconnus/adherents/resolve').send({
      codeClient: '1925',
      odooPartnerId: 999999,
    });
    expect(missing.status).toBe(404);
    const partnerId = ids.partnerByRef('AD1733');
    const member = await api('post', '/api/inconnus/adherents/resolve').send({
      codeClient: '1925',
      odooPartnerId: partnerId,
    });
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({
      mappings: ['1925'],
      odooId: partnerId,
      invoices: ['251200003'],
      ready: ['251200003'],
    });
    const productId = ids.product('31055N25AA');
    const article = await api('post', '/api/inconnus/articles/resolve').send({
      code: '39990X25ZZ',
      odooProductId: productId,
    });
    expect(article.status).toBe(200);
    expect(article.body).toMatchObject({
      mappings: ['39990X25ZZ'],
      invoices: ['251200004'],
      ready: ['251200004'],
    });
    expect((await api('get', '/les_inconnus')).body.counts).toEqual({
      adherents: 0,
      articles: 0,
      magasins: 0,
    });
    const [mapping] = await h.db.query<Array<Record<string, unknown>>>('SELECT * FROM sync_member_mapping');
    expect(mapping).toMatchObject({ code_client: '1925', odoo_partner_id: partnerId });

    // A later invoice of the same member and article matches through the stored links.
    await seedInvoice(h.db, {
      societe: 'VRAC',
      typeClient: 'ADHERENT',
      numero: '251200009',
      codeClient: '1925',
      nomClient: 'NOUVEL ELEVEUR SAINT JOSEPH',
      ht: '27.80',
      ttc: '28.38',
      lines: [
        {
          n: 1,
          code: '39990X25ZZ',
          label: 'COMPLEMENT EXPERIMENTAL 25KG',
          price: '27.80',
          qty: '1',
          unit: 'UN',
          amount: '27.80',
        },
      ],
    });
    const check = await api('get', '/api/verification-correspondance-adherent');
    expect(check.body.result.notReady).toEqual([]);
    const inject = await api('get', '/api/injection-dans-odoo-donnees-adherent');
    expect(inject.status).toBe(200);
    for (const numero of ['251200003', '251200004', '251200009'])
      expect(movesByRef(h.odoo, numero)).toHaveLength(2);
    const sale = movesByRef(h.odoo, '251200009').find((m) => m.move_type === 'out_invoice')!;
    expect(sale.partner_id).toBe(partnerId);
    expect(sale.lines[0]).toMatchObject({ product_id: productId, price_unit: 29.19 });
  });

  it('validation: 404 when missing, twice harmless, all pending or a list', async () => {
    expect((await api('post', '/valider-facture/999999999')).status).toBe(404);
    await seedInvoice(h.db, {
      societe: 'VRAC',
      typeClient: 'ADHERENT',
      numero: '251200010',
      codeClient: '1873',
      nomClient: 'EARL DES TAMARINS',
      ht: '15.20',
      ttc: '15.52',
      lines: [
        {
          n: 1,
          code: '31040N25AA',
          label: 'MAIS GRAIN NETTOYE 25KG',
          price: '15.20',
          qty: '1',
          unit: 'UN',
          amount: '15.20',
        },
      ],
    });
    const first = await api('post', '/valider-facture/251200010');
    expect(first.status).toBe(200);
    expect(first.body.alreadyValidated).toBe(false);
    const second = await api('post', '/valider-facture/251200010');
    expect(second.body).toMatchObject({ alreadyValidated: true, dateValidation: first.body.dateValidation });
    await seedInvoice(h.db, { ...MEMBER_INVOICES[1], numero: '251200011' });
    await seedInvoice(h.db, { ...MEMBER_INVOICES[1], numero: '251200012' });
    const list = await api('post', '/valider-toutes-factures').send({ numeros: ['251200011', 'nope'] });
    expect(list.body).toEqual({ validated: ['251200011'], alreadyValidated: [], notFound: ['nope'] });
    const all = await api('post', '/valider-toutes-factures');
    expect(all.body.validated).toEqual(['251200012']);
    const rows = await h.db.query<Array<Record<string, unknown>>>(
      'SELECT DISTINCT Numero_Facture FROM sic_urcoopa_facture WHERE facture_valider = 1 ORDER BY 1',
    );
    expect(rows.map((r) => r.Numero_Facture)).toEqual(['251200010', '251200011', '251200012']);
  });

  it('POST /api/factures/:numero/injecter sends that one invoice, once', async () => {
    await api('get', '/api/verification-correspondance-adherent');
    const res = await api('post', '/api/factures/251200010/injecter');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ numero: '251200010', job: 'injection-adherents', integrated: true });
    expect(movesByRef(h.odoo, '251200012')).toHaveLength(0); // only that one
    const again = await api('post', '/api/factures/251200010/injecter');
    expect(again.body.integrated).toBe(true);
    expect(movesByRef(h.odoo, '251200010')).toHaveLength(2);
    expect((await api('post', '/api/factures/000/injecter')).status).toBe(404);
  });

  it('DELETE /reset_table_adherent_article puts statuses back and empties the unknown tables', async () => {
    await h.db.query(
      "INSERT INTO sic_urcoopa_non_correspondance_article (Numero_Article_Urcoopa) VALUES ('ZZ1')",
    );
    const res = await api('delete', '/reset_table_adherent_article');
    expect(res.status).toBe(200);
    expect(res.body.articlesSupprimes).toBe(1);
    const [left] = await h.db.query<Array<{ n: number }>>(
      "SELECT COUNT(*) AS n FROM sic_urcoopa_facture WHERE Statut_Correspondance_Adherent <> 'à traiter' OR Statut_Correspondance_Article <> 'à traiter'",
    );
    expect(Number(left.n)).toBe(0);
    expect(await h.db.query<unknown[]>('SELECT * FROM sic_urcoopa_non_correspondance_article')).toHaveLength(
      0,
    );
  });
});
