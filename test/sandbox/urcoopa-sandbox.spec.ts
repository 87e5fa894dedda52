/**
 * The Urcoopa sandbox seen through an independent client: hand-written SOAP 1.1 envelopes POSTed
 * with fetch (parameters unqualified, wrapper in urn:WS_Sicalait), the result string read back
 * with a regex. Nothing here uses the soap package.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUrcoopaSandbox, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import type { UrcoopaInvoice } from '../../src/sandbox/world/world.types';

const REF = '2025-10-14';
const KEY = 'test-key';
type Op = 'Get_Factures' | 'Get_Livraisons' | 'Push_Commandes';

let sandbox: UrcoopaSandbox;

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([\da-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');

function envelope(op: Op, params: Record<string, string | number>): string {
  const inner = Object.entries(params)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ws="urn:WS_Sicalait">' +
    `<soap:Body><ws:${op}>${inner}</ws:${op}></soap:Body></soap:Envelope>`
  );
}

async function post(op: Op, params: Record<string, string | number>) {
  const started = Date.now();
  const res = await fetch(sandbox.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"urn:WS_Sicalait/${op}"` },
    body: envelope(op, params),
  });
  const body = await res.text();
  const match = new RegExp(`<${op}Result>([\\s\\S]*?)</${op}Result>|<${op}Result\\s*/>`).exec(body);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body,
    result: match ? unescapeXml(match[1] ?? '') : null,
    elapsed: Date.now() - started,
  };
}

const getFactures = (nbJours: number, dateReference = REF, key = KEY) =>
  post('Get_Factures', { xCleAPI: key, NbJours: nbJours, DateReference: dateReference });
const getLivraisons = (nbJours: number, dateReference = REF, key = KEY) =>
  post('Get_Livraisons', { xCleAPI: key, NbJours: nbJours, DateReference: dateReference });
const push = (jCommande: unknown, key = KEY) =>
  post('Push_Commandes', {
    xCleAPI: key,
    jCommande: typeof jCommande === 'string' ? jCommande : JSON.stringify(jCommande),
  });

function order(numero: string, codeClient = '5010') {
  return {
    commande: [
      {
        Societe: 'UR',
        Code_Client: codeClient,
        Numero_Commande: numero,
        Nom_Client: 'MAGASIN LE PORT',
        Code_Adresse_Livraison: '11',
        Commentaire: 'Livraison avant 10h — merci',
        Date_Livraison_Souhaitee: '20251020',
        Num_Telephone: '0262000000',
        Email: 'leport@sicalait.example',
        Ligne_Commande: [
          {
            Numero_ligne: 1,
            Code_Produit: '31040N25AA',
            Libelle_Produit: 'MAIS GRAIN NETTOYE 25KG',
            Quantite_Commandee: 40,
            Unite_Commande: 'UN',
          },
          {
            Numero_ligne: 2,
            Code_Produit: '20115VRAC',
            Libelle_Produit: 'ALIMENT VL PRODUCTION VRAC',
            Quantite_Commandee: 2.5,
            Unite_Commande: 'TO',
          },
        ],
      },
    ],
  };
}

const numbersDatedFrom = (from: string, to = REF) =>
  sandbox.world.invoices
    .filter((i) => i.Date_Facture >= from && i.Date_Facture <= to)
    .map((i) => i.Numero_Facture)
    .sort();

beforeAll(async () => {
  sandbox = await startUrcoopaSandbox({ apiKey: KEY, world: { referenceDate: REF } });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.faults.clear();
  sandbox.calls.reset();
});

describe('WSDL', () => {
  it('is served at ?wsdl with the WebDev AWWS names and the sandbox address', async () => {
    expect(sandbox.wsdlUrl).toBe(`${sandbox.url}/ws_sicalait/WS_Sicalait.awws?wsdl`);
    const res = await fetch(sandbox.wsdlUrl);
    const wsdl = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('xml');
    for (const name of [
      'targetNamespace="urn:WS_Sicalait"',
      'elementFormDefault="unqualified"',
      'name="tGet_Factures"',
      'name="tGet_FacturesResponse"',
      'name="WS_Sicalait_Get_Livraisons_MessageIn"',
      'name="WS_Sicalait_Push_Commandes_MessageOut"',
      'name="parameters"',
      'name="WS_SicalaitSOAPPortType"',
      'name="WS_SicalaitSOAPBinding"',
      'name="WS_SicalaitSOAPPort"',
      'soapAction="urn:WS_Sicalait/Get_Factures"',
      'soapAction="urn:WS_Sicalait/Push_Commandes"',
      'name="xCleAPI" type="xsd:string"',
      'name="NbJours" type="xsd:int"',
      'name="DateReference" type="xsd:date"',
      'name="jCommande" type="xsd:string"',
      'name="Get_LivraisonsResult" type="xsd:string"',
      `location="${sandbox.endpoint}"`,
    ]) {
      expect(wsdl).toContain(name);
    }
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${sandbox.url}/nothing`)).status).toBe(404);
  });
});

describe('Get_Factures / Get_Livraisons', () => {
  it('answers a JSON string in an unqualified Result inside the urn:WS_Sicalait wrapper', async () => {
    const r = await getFactures(30);
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<(\w+):Get_FacturesResponse[^>]*>/);
    expect(r.body).toContain('xmlns:tns="urn:WS_Sicalait"');
    expect(r.body).toContain('<Get_FacturesResult>');
    const json = JSON.parse(r.result!) as { Factures: UrcoopaInvoice[] };
    expect(Object.keys(json)).toEqual(['Factures']);
    expect(json.Factures.map((i) => i.Numero_Facture).sort()).toEqual(numbersDatedFrom('2025-09-15'));
    // Amounts as Urcoopa writes them: two decimals.
    expect(r.result).toMatch(/"Montant_TTC":\d+\.\d{2}[,}]/);
    expect(r.result).not.toMatch(/"Montant_HT":\d+(\.\d)?[,}]/);
  });

  it('returns only the records of the NbJours days up to and including DateReference', async () => {
    const week = JSON.parse((await getFactures(7)).result!) as { Factures: UrcoopaInvoice[] };
    expect(week.Factures.map((i) => i.Numero_Facture).sort()).toEqual(numbersDatedFrom('2025-10-08'));
    const oneDay = JSON.parse((await getFactures(1, '2025-10-10')).result!) as { Factures: UrcoopaInvoice[] };
    expect(oneDay.Factures.map((i) => i.Numero_Facture).sort()).toEqual(
      numbersDatedFrom('2025-10-10', '2025-10-10'),
    );
    const before = JSON.parse((await getFactures(30, '2025-08-01')).result!) as { Factures: unknown[] };
    expect(before.Factures).toEqual([]);

    const bls = JSON.parse((await getLivraisons(5)).result!) as {
      Livraisons: { Numero_BL: string; Date_BL: string }[];
    };
    const expected = sandbox.world.deliveries
      .filter((d) => d.Date_BL >= '2025-10-10')
      .map((d) => d.Numero_BL);
    expect(bls.Livraisons.map((d) => d.Numero_BL).sort()).toEqual(expected.sort());
    expect(bls.Livraisons.length).toBeGreaterThan(0);
  });

  it('serves what the world holds now', async () => {
    const extra = structuredClone(sandbox.world.invoices[0]);
    extra.Numero_Facture = '259999991';
    extra.Date_Facture = REF;
    sandbox.world.invoices.push(extra);
    try {
      const json = JSON.parse((await getFactures(1)).result!) as { Factures: UrcoopaInvoice[] };
      expect(json.Factures.map((i) => i.Numero_Facture)).toContain('259999991');
    } finally {
      sandbox.world.invoices.pop();
    }
  });

  it('answers a SOAP fault for an unusable NbJours or DateReference', async () => {
    const r = await post('Get_Factures', { xCleAPI: KEY, NbJours: 'abc', DateReference: REF });
    expect(r.status).toBe(500);
    expect(r.body).toContain('<faultcode>soap:Client</faultcode>');
    expect(sandbox.calls.last()?.outcome).toBe('invalid-params');
  });
});

describe('token', () => {
  it('answers "Token API incorrect" in the result of every operation, and keeps no order', async () => {
    for (const r of [
      await getFactures(30, REF, 'wrong'),
      await getLivraisons(30, REF, 'wrong'),
      await push(order('P9'), 'wrong'),
    ]) {
      expect(r.status).toBe(200);
      expect(r.result).toBe('Token API incorrect');
    }
    expect(sandbox.orders.some((o) => o.numeroCommande === 'P9')).toBe(false);
    expect(sandbox.calls.entries.map((c) => c.outcome)).toEqual(['bad-token', 'bad-token', 'bad-token']);
  });
});

describe('Push_Commandes', () => {
  it('acknowledges an order, keeps it, and refuses the same number again', async () => {
    const first = await push(order('P0005650'));
    expect(first.result).toBe('Commande P0005650 enregistrée');
    const kept = sandbox.orders.find((o) => o.numeroCommande === 'P0005650' && o.accepted)!;
    expect(kept.order?.Ligne_Commande).toHaveLength(2);
    expect(kept.order?.Commentaire).toBe('Livraison avant 10h — merci');
    expect(kept.answer).toBe(first.result);

    const again = await push(order('P0005650'));
    expect(again.result).toBe('ERREUR : commande P0005650 déjà enregistrée');
    expect(sandbox.orders.filter((o) => o.numeroCommande === 'P0005650')).toHaveLength(2);
    expect(sandbox.calls.entries.map((c) => c.outcome)).toEqual(['ok', 'rejected']);
  });

  it('accepts member codes and refuses unknown clients', async () => {
    expect((await push(order('706731', '1873'))).result).toBe('Commande 706731 enregistrée');
    expect((await push(order('P0005651', '4242'))).result).toBe('ERREUR : Client N°4242 inconnu');
  });

  it('rejects malformed JSON and missing fields with an ERREUR text', async () => {
    const malformed = await push('{"commande":[{"Societe":"UR",');
    expect(malformed.result).toMatch(/^ERREUR : .*JSON/);
    const noOrders = await push({ commandes: [] });
    expect(noOrders.result).toMatch(/^ERREUR : /);
    const missing = order('P0005652');
    delete (missing.commande[0] as Partial<(typeof missing.commande)[0]>).Code_Client;
    expect((await push(missing)).result).toBe('ERREUR : champ Code_Client manquant');
    const badUnit = order('P0005653');
    (badUnit.commande[0].Ligne_Commande[1] as { Unite_Commande: string }).Unite_Commande = 't';
    expect((await push(badUnit)).result).toMatch(/^ERREUR : ligne 2 : Unite_Commande/);
    const kept = sandbox.orders.filter((o) => !o.accepted && o.answer.startsWith('ERREUR'));
    expect(kept.some((o) => o.order === null && o.jCommande === '{"commande":[{"Societe":"UR",')).toBe(true);
  });
});

describe('faults', () => {
  it('adds latency', async () => {
    sandbox.faults.inject('Get_Factures', { latencyMs: 200, times: 1 });
    const r = await getFactures(1);
    expect(r.status).toBe(200);
    expect(r.elapsed).toBeGreaterThanOrEqual(190);
    expect(sandbox.calls.last()?.latencyMs).toBe(200);
  });

  it('answers HTTP 500 with an HTML page, once, then recovers', async () => {
    sandbox.faults.inject('Get_Factures', { http500: true, times: 1 });
    const r = await getFactures(30);
    expect(r.status).toBe(500);
    expect(r.contentType).toContain('text/html');
    expect(r.result).toBeNull();
    expect((await getFactures(30)).status).toBe(200);
    expect(sandbox.calls.entries.map((c) => c.outcome)).toEqual(['http500', 'ok']);
  });

  it('answers a SOAP fault, persistently until cleared', async () => {
    sandbox.faults.inject('Push_Commandes', { soapFault: 'Base HFSQL indisponible' });
    for (let i = 0; i < 2; i++) {
      const r = await push(order(`F${i}`));
      expect(r.status).toBe(500);
      expect(r.body).toMatch(
        /<soap:Fault><faultcode>soap:Server<\/faultcode><faultstring>Base HFSQL indisponible/,
      );
    }
    expect(sandbox.orders.some((o) => o.numeroCommande === 'F0')).toBe(false);
    sandbox.faults.clear();
    expect((await push(order('F0'))).result).toBe('Commande F0 enregistrée');
  });

  it('answers malformed JSON', async () => {
    sandbox.faults.inject('Get_Livraisons', { malformedJson: true, times: 1 });
    const r = await getLivraisons(30);
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.result!)).toThrow();
    const next = await getLivraisons(30);
    expect(() => JSON.parse(next.result!)).not.toThrow();
  });

  it('mixes one bad invoice into a good answer', async () => {
    sandbox.faults.inject('Get_Factures', { badInvoice: 'missingField', times: 1 });
    sandbox.faults.inject('Get_Factures', { badInvoice: 'wrongType', times: 1 });
    const expected = numbersDatedFrom('2025-09-15').length;
    const missing = (JSON.parse((await getFactures(30)).result!) as { Factures: Partial<UrcoopaInvoice>[] })
      .Factures;
    expect(missing).toHaveLength(expected + 1);
    expect(missing.filter((i) => i.Numero_Facture === undefined)).toHaveLength(1);
    const wrong = (JSON.parse((await getFactures(30)).result!) as { Factures: { Montant_HT: unknown }[] })
      .Factures;
    expect(wrong.filter((i) => typeof i.Montant_HT !== 'number')).toHaveLength(1);
  });

  it('truncates the body: a dropped connection, or half an XML document', async () => {
    sandbox.faults.inject('Push_Commandes', { truncatedBody: true, times: 1 });
    await expect(push(order('T1'))).rejects.toThrow();
    // The order went through although the client never saw the answer.
    expect(sandbox.orders.some((o) => o.numeroCommande === 'T1' && o.accepted)).toBe(true);

    sandbox.faults.inject('Get_Factures', { truncatedBody: 'end', times: 1 });
    const r = await getFactures(30);
    expect(r.status).toBe(200);
    expect(r.result).toBeNull();
    expect(r.body).not.toContain('</soap:Envelope>');
    expect(sandbox.calls.entries.map((c) => c.outcome)).toEqual(['truncatedBody', 'truncatedBody']);
  });

  it('answers empty: "", "{}" or empty arrays', async () => {
    sandbox.faults.inject('Get_Factures', { emptyAnswer: true, times: 1 });
    sandbox.faults.inject('Get_Factures', { emptyAnswer: 'emptyObject', times: 1 });
    sandbox.faults.inject('Get_Factures', { emptyAnswer: 'emptyArrays', times: 1 });
    expect((await getFactures(30)).result).toBe('');
    expect((await getFactures(30)).result).toBe('{}');
    expect((await getFactures(30)).result).toBe('{"Factures":[]}');
    expect(JSON.parse((await getFactures(30)).result!).Factures.length).toBeGreaterThan(0);
  });

  it("applies '*' rules to every operation and refuses JSON faults on Push_Commandes", async () => {
    sandbox.faults.inject('*', { http500: true, times: 2 });
    expect((await getLivraisons(3)).status).toBe(500);
    expect((await push(order('W1'))).status).toBe(500);
    expect((await getLivraisons(3)).status).toBe(200);
    expect(() => sandbox.faults.inject('Push_Commandes', { malformedJson: true })).toThrow();
  });
});

describe('call log', () => {
  it('counts calls per operation and never keeps the API key', async () => {
    await getFactures(3);
    await getFactures(3, REF, 'wrong-key');
    await getLivraisons(3);
    await push(order('L1'));
    expect(sandbox.calls.count()).toBe(4);
    expect(sandbox.calls.count('Get_Factures')).toBe(2);
    expect(sandbox.calls.count('Get_Livraisons')).toBe(1);
    expect(sandbox.calls.count('Push_Commandes')).toBe(1);
    const first = sandbox.calls.entries[0];
    expect(first).toMatchObject({
      operation: 'Get_Factures',
      outcome: 'ok',
      params: { xCleAPI: '***', NbJours: '3', DateReference: REF },
    });
    expect(first.records).toBeGreaterThanOrEqual(0);
    expect(sandbox.calls.last('Push_Commandes')?.params.jCommande).toContain('"L1"');
    const logged = JSON.stringify(sandbox.calls.entries);
    expect(logged).not.toContain(KEY);
    expect(logged).not.toContain('wrong-key');
    sandbox.calls.reset();
    expect(sandbox.calls.count()).toBe(0);
  });
});
