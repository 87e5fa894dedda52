import type { DataSource } from 'typeorm';

const TABLE = 'sic_urcoopa_facture';

/** Deterministic pseudo-random numbers (the bench fills the same table every run). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FORMS = ['EARL', 'GAEC', 'SCEA', 'M.', 'MME'];
const SYLLABLES = [
  'VOL',
  'CAN',
  'PI',
  'TON',
  'RA',
  'VINE',
  'PLAI',
  'NE',
  'CIR',
  'QUE',
  'SOU',
  'BAS',
  'SIN',
  'FO',
  'RET',
  'RI',
  'VIE',
  'RE',
  'MA',
  'LO',
];

/** A farm name whose last word few clients share: `EARL DU PITONRA 17`. */
export function clientName(client: number): string {
  const word = [client % 20, Math.floor(client / 20) % 20, Math.floor(client / 400) % 20]
    .map((i) => SYLLABLES[i])
    .join('');
  return `${FORMS[client % FORMS.length]} DU ${word} ${client}`;
}

/**
 * `invoices` invoices × `lines` lines over the last three years before `lastDay`, as Urcoopa sends
 * them: 90 % VRAC, 1 in 10 clients with a code starting with 5 (accounting scope), 1 in 12 a credit
 * note, a few INTR lines; members enriched or not. Raw multi-row INSERTs (the fill is not measured).
 */
export async function fillInvoiceLines(
  ds: DataSource,
  invoices: number,
  lines: number,
  lastDay = new Date(Date.UTC(2026, 10, 30)),
): Promise<void> {
  const rand = prng(13);
  const days = 3 * 365;
  const columns = [
    'Numero_Facture',
    'Numero_Ligne_Facture',
    'Type_Facture',
    'Date_Facture',
    'Date_Echeance',
    'Societe_Facture',
    'Code_Client',
    'Nom_Client',
    'Type_Client',
    'Montant_HT',
    'Montant_TTC',
    'Code_Produit',
    'Libelle_Produit',
    'Prix_Unitaire',
    'Quantite_Facturee',
    'Unite_Facturee',
    'Montant_HT_Ligne',
    'Taux_TVA',
    'Code_Client_ODOO',
    'ID_Client_ODOO',
    'facture_valider',
    'Statut_Correspondance_Article',
    'Statut_Correspondance_Adherent',
    'Statut_Integration_Fac_inOdoo',
    'content_hash',
    'imported_at',
  ];
  const mysql = ds.options.type !== 'better-sqlite3';
  const perStatement = mysql ? 2000 : Math.floor(32_766 / columns.length);
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const marks = `(${columns.map(() => '?').join(', ')})`;
    await ds.query(
      `INSERT INTO ${TABLE} (${columns.join(', ')}) VALUES ${batch.map(() => marks).join(', ')}`,
      batch.flat(),
    );
    batch = [];
  };
  for (let i = 0; i < invoices; i += 1) {
    // Numbers grow with the date, like Urcoopa's.
    const dayIndex = Math.floor((i / invoices) * days);
    const day = new Date(lastDay.getTime() - (days - 1 - dayIndex) * 86_400_000).toISOString().slice(0, 10);
    const client = Math.floor(rand() * 1200);
    const store = client % 10 === 7;
    const code = store ? `5${String(client).padStart(4, '0')}` : `1${String(client).padStart(4, '0')}`;
    const name = clientName(client);
    const vrac = rand() < 0.9;
    const type = rand() < 1 / 12 ? 'A' : 'F';
    const numero = `${day.slice(2, 4)}${String(1_000_000 + i).padStart(7, '0')}`;
    const amounts = Array.from({ length: lines }, () => Math.round(rand() * 200_000) / 100);
    const ht = amounts.reduce((s, a) => s + a, 0);
    const enriched = rand() < 0.8;
    const validated = rand() < 0.6 ? 1 : 0;
    for (let l = 0; l < lines; l += 1) {
      const intr = l === lines - 1 && rand() < 0.3;
      batch.push([
        numero,
        l + 1,
        type,
        day,
        day,
        vrac ? 'VRAC' : 'SAC',
        code,
        name,
        'ADHERENT',
        ht.toFixed(2),
        (ht * 1.021).toFixed(2),
        intr ? 'INTR' : `2011${l}VRAC`,
        'ALIMENT VL VRAC',
        amounts[l].toFixed(4),
        '1.0000',
        'T',
        amounts[l].toFixed(2),
        '2.10',
        enriched ? `CLIENT : ${name}` : null,
        enriched ? 1000 + client : 0,
        validated,
        'à traiter',
        'à traiter',
        validated ? 'intégré' : 'à intégrer',
        'x',
        '2026-01-01 00:00:00',
      ]);
      if (batch.length >= perStatement) await flush();
    }
  }
  await flush();
}
