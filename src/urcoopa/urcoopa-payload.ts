import { createHash } from 'node:crypto';
import { Decimal } from '../common/money';
import { FieldProblem, FieldReader, isPlainObject, type PayloadRejection } from './payload-fields';
import { UrcoopaError, UrcoopaErrorCode } from './urcoopa.error';

export type { PayloadRejection, RejectionCode } from './payload-fields';

export const INVOICE_UNITS = ['UN', 'TO', 'KG'] as const;
export type InvoiceUnit = (typeof INVOICE_UNITS)[number];
export const SERVICE_LINE_NUMBER = 900;
/** Σ line amounts may differ from the header HT by at most this (rounding at Urcoopa). */
const AMOUNT_TOLERANCE = new Decimal('0.01');

/** One invoice line, typed (field names as Urcoopa spells them). */
export interface UrcoopaInvoiceLineRecord {
  Numero_Ligne_Facture: number;
  Code_Produit: string | null;
  Libelle_Produit: string | null;
  Prix_Unitaire: Decimal;
  Quantite_Facturee: Decimal;
  Unite_Facturee: InvoiceUnit;
  Numero_Silo: string | null;
  Montant_HT_Ligne: Decimal;
  Taux_TVA: Decimal;
  Depot_BL: string | null;
  Numero_BL: string | null;
  Numero_Ligne_BL: number | null;
  Numero_Commande_Client: string | null;
  Date_Commande_Client: string | null;
  Commentaires: string | null;
  Date_Livraison: string | null;
}

export interface UrcoopaInvoiceRecord {
  Numero_Facture: string;
  Type_Facture: 'F' | 'A';
  Date_Facture: string;
  Date_Echeance: string | null;
  Societe_Facture: string | null;
  Code_Client: string;
  Nom_Client: string | null;
  Type_Client: string | null;
  Montant_HT: Decimal;
  Montant_TTC: Decimal;
  Detail: UrcoopaInvoiceLineRecord[];
  /** sha256 of the canonical Urcoopa content of the whole invoice (tells unchanged from changed). */
  contentHash: string;
}

export interface UrcoopaDeliveryLineRecord {
  Numero_Ligne_BL: number;
  Code_Produit: string | null;
  Libelle_Produit: string | null;
  Quantite_Livree: Decimal | null;
  Silo: string | null;
  Transporteur: string | null;
  Depot_Commande: string | null;
  Numero_Commande: string | null;
  Numero_Ligne_Commande: number | null;
  Numero_Facture: string | null;
  Numero_Bande: string | null;
}

export interface UrcoopaDeliveryRecord {
  Numero_BL: string;
  Code_Client: string | null;
  Nom_Client: string | null;
  Date_BL: string;
  Code_Adresse: string | null;
  Libelle_Adresse: string | null;
  Rue: string | null;
  Lieu: string | null;
  Code_Postal: string | null;
  Ville: string | null;
  /** null when Urcoopa sent `Detail: null` (a delivery without lines). */
  Detail: UrcoopaDeliveryLineRecord[] | null;
  contentHash: string;
}

export interface ParsedPayload<T> {
  records: T[];
  rejections: PayloadRejection[];
  /** Records received (valid or not). */
  received: number;
}

/**
 * Reads the JSON string of a Get operation: '' / '{}' / empty arrays = an empty window; every
 * top-level key holding an array is read. Anything that is not JSON fails the whole run.
 */
export function readEnvelope(text: string, what: 'Get_Factures' | 'Get_Livraisons'): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new UrcoopaError(
      UrcoopaErrorCode.MalformedPayload,
      `Urcoopa ${what}: the answer is not valid JSON (${(error as Error).message}; ${trimmed.length} characters received). Nothing was written.`,
      { operation: what, length: trimmed.length },
    );
  }
  if (Array.isArray(parsed)) return parsed;
  if (!isPlainObject(parsed)) {
    throw new UrcoopaError(
      UrcoopaErrorCode.MalformedPayload,
      `Urcoopa ${what}: expected a JSON object of arrays, got ${typeof parsed}. Nothing was written.`,
      { operation: what },
    );
  }
  const keys = Object.keys(parsed);
  const arrays = keys.filter((k) => Array.isArray(parsed[k]));
  if (keys.length > 0 && arrays.length === 0) {
    throw new UrcoopaError(
      UrcoopaErrorCode.MalformedPayload,
      `Urcoopa ${what}: no array in the answer (keys: ${keys.slice(0, 5).join(', ')}). Nothing was written.`,
      { operation: what, keys: keys.slice(0, 5) },
    );
  }
  return arrays.flatMap((k) => parsed[k] as unknown[]);
}

export function parseInvoices(text: string): ParsedPayload<UrcoopaInvoiceRecord> {
  return parseRecords(readEnvelope(text, 'Get_Factures'), 'facture', 'Numero_Facture', readInvoice);
}

export function parseDeliveries(text: string): ParsedPayload<UrcoopaDeliveryRecord> {
  return parseRecords(readEnvelope(text, 'Get_Livraisons'), 'BL', 'Numero_BL', readDelivery);
}

function parseRecords<T extends { contentHash: string }>(
  items: unknown[],
  label: string,
  keyField: string,
  read: (r: FieldReader, raw: Record<string, unknown>) => Omit<T, 'contentHash'>,
): ParsedPayload<T> {
  const records: T[] = [];
  const rejections: PayloadRejection[] = [];
  const seen = new Map<string, string>();
  items.forEach((raw, index) => {
    const rawKey = isPlainObject(raw) ? raw[keyField] : undefined;
    const key =
      typeof rawKey === 'string' || typeof rawKey === 'number' ? String(rawKey).trim() || null : null;
    const record = key ? `${label} ${key}` : `${label} n°${index + 1} de la réponse (sans ${keyField})`;
    const reject = (field: string, code: PayloadRejection['code'], message: string) =>
      rejections.push({ record, key, field, code, message, raw });
    if (!isPlainObject(raw)) return reject('', 'NOT_AN_OBJECT', `${record} is not a JSON object`);
    try {
      const typed = read(new FieldReader(raw), raw);
      const contentHash = hashOf(typed);
      const previous = seen.get(String((typed as Record<string, unknown>)[keyField]));
      if (previous === contentHash) return;
      if (previous !== undefined)
        return reject(
          keyField,
          'DUPLICATE_RECORD',
          `${record} appears twice in the answer with different contents`,
        );
      seen.set(String((typed as Record<string, unknown>)[keyField]), contentHash);
      records.push({ ...typed, contentHash } as T);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      reject(error.field, error.code, `${record}: ${error.message}`);
    }
  });
  return { records, rejections, received: items.length };
}

function readInvoice(
  r: FieldReader,
  raw: Record<string, unknown>,
): Omit<UrcoopaInvoiceRecord, 'contentHash'> {
  const header = {
    Numero_Facture: r.requiredText('Numero_Facture', 20),
    Type_Facture: r.oneOf('Type_Facture', ['F', 'A'] as const),
    Date_Facture: r.requiredDay('Date_Facture'),
    Date_Echeance: r.day('Date_Echeance'),
    Societe_Facture: r.text('Societe_Facture', 50),
    Code_Client: r.requiredText('Code_Client', 20),
    Nom_Client: r.text('Nom_Client', 255),
    Type_Client: r.text('Type_Client', 50),
    Montant_HT: r.requiredDecimal('Montant_HT', 2),
    Montant_TTC: r.requiredDecimal('Montant_TTC', 2),
  };
  const detail = raw.Detail;
  if (!Array.isArray(detail))
    throw new FieldProblem(
      'Detail',
      detail == null ? 'MISSING' : 'WRONG_TYPE',
      'Detail must be a list of lines',
    );
  if (detail.length === 0) throw new FieldProblem('Detail', 'NO_LINES', 'the invoice has no line');
  const lines = detail.map((line, i) => readInvoiceLine(line, `Detail[${i}].`));
  assertUniqueLines(
    lines.map((l) => l.Numero_Ligne_Facture),
    'Numero_Ligne_Facture',
  );
  const sum = lines.reduce((s, l) => s.plus(l.Montant_HT_Ligne), new Decimal(0));
  if (sum.minus(header.Montant_HT).abs().gt(AMOUNT_TOLERANCE)) {
    throw new FieldProblem(
      'Montant_HT',
      'AMOUNT_MISMATCH',
      `Montant_HT ${header.Montant_HT.toFixed(2)} differs from the sum of Montant_HT_Ligne ${sum.toFixed(2)}`,
    );
  }
  return { ...header, Detail: lines };
}

function readInvoiceLine(raw: unknown, prefix: string): UrcoopaInvoiceLineRecord {
  if (!isPlainObject(raw))
    throw new FieldProblem(prefix.slice(0, -1), 'NOT_AN_OBJECT', 'the line is not an object');
  const r = new FieldReader(raw, prefix);
  const numero = r.requiredInt('Numero_Ligne_Facture');
  return {
    Numero_Ligne_Facture: numero,
    // The service line (900) may come without a product code: it is matched by its label.
    Code_Produit:
      numero === SERVICE_LINE_NUMBER ? r.text('Code_Produit', 50) : r.requiredText('Code_Produit', 50),
    Libelle_Produit:
      numero === SERVICE_LINE_NUMBER
        ? r.requiredText('Libelle_Produit', 255)
        : r.text('Libelle_Produit', 255),
    Prix_Unitaire: r.requiredDecimal('Prix_Unitaire', 4),
    Quantite_Facturee: r.requiredDecimal('Quantite_Facturee', 4),
    Unite_Facturee: r.oneOf('Unite_Facturee', INVOICE_UNITS),
    Numero_Silo: r.text('Numero_Silo', 50),
    Montant_HT_Ligne: r.requiredDecimal('Montant_HT_Ligne', 2),
    Taux_TVA: r.requiredDecimal('Taux_TVA', 2),
    Depot_BL: r.text('Depot_BL', 100),
    Numero_BL: r.text('Numero_BL', 50),
    Numero_Ligne_BL: r.int('Numero_Ligne_BL'),
    Numero_Commande_Client: r.text('Numero_Commande_Client', 50),
    Date_Commande_Client: r.day('Date_Commande_Client'),
    Commentaires: r.textAsSent('Commentaires', 65_535),
    Date_Livraison: r.day('Date_Livraison'),
  };
}

function readDelivery(
  r: FieldReader,
  raw: Record<string, unknown>,
): Omit<UrcoopaDeliveryRecord, 'contentHash'> {
  const header = {
    Numero_BL: r.requiredText('Numero_BL', 50),
    Code_Client: r.text('Code_Client', 20),
    Nom_Client: r.text('Nom_Client', 255),
    Date_BL: r.requiredDay('Date_BL'),
    Code_Adresse: r.text('Code_Adresse', 50),
    Libelle_Adresse: r.textAsSent('Libelle_Adresse', 255),
    Rue: r.textAsSent('Rue', 255),
    Lieu: r.textAsSent('Lieu', 255),
    Code_Postal: r.text('Code_Postal', 20),
    Ville: r.textAsSent('Ville', 100),
  };
  const detail = raw.Detail;
  if (detail === null || detail === undefined) return { ...header, Detail: null };
  if (!Array.isArray(detail))
    throw new FieldProblem('Detail', 'WRONG_TYPE', 'Detail must be a list of lines or null');
  const lines = detail.map((line, i) => readDeliveryLine(line, `Detail[${i}].`));
  assertUniqueLines(
    lines.map((l) => l.Numero_Ligne_BL),
    'Numero_Ligne_BL',
  );
  return { ...header, Detail: lines.length > 0 ? lines : null };
}

function readDeliveryLine(raw: unknown, prefix: string): UrcoopaDeliveryLineRecord {
  if (!isPlainObject(raw))
    throw new FieldProblem(prefix.slice(0, -1), 'NOT_AN_OBJECT', 'the line is not an object');
  const r = new FieldReader(raw, prefix);
  const numero = r.requiredInt('Numero_Ligne_BL');
  // Line 0 is how a delivery without lines is stored.
  if (numero < 1)
    throw new FieldProblem(`${prefix}Numero_Ligne_BL`, 'BAD_VALUE', `${prefix}Numero_Ligne_BL must be ≥ 1`);
  return {
    Numero_Ligne_BL: numero,
    Code_Produit: r.text('Code_Produit', 50),
    Libelle_Produit: r.text('Libelle_Produit', 255),
    Quantite_Livree: r.decimal('Quantite_Livree', 4),
    Silo: r.text('Silo', 50),
    Transporteur: r.text('Transporteur', 100),
    Depot_Commande: r.text('Depot_Commande', 100),
    Numero_Commande: r.text('Numero_Commande', 50),
    Numero_Ligne_Commande: r.int('Numero_Ligne_Commande'),
    Numero_Facture: r.text('Numero_Facture', 20),
    Numero_Bande: r.text('Numero_Bande', 50),
  };
}

function assertUniqueLines(numbers: number[], field: string): void {
  const seen = new Set<number>();
  numbers.forEach((n, i) => {
    if (seen.has(n))
      throw new FieldProblem(
        `Detail[${i}].${field}`,
        'DUPLICATE_LINE',
        `line number ${n} appears twice in Detail`,
      );
    seen.add(n);
  });
}

/**
 * sha256 of the typed record: keys in declaration order, decimals through Decimal#toJSON (no
 * trailing zeros), so that 608 and "608.00" hash alike.
 */
/**
 * The change-detection rule compares normalised values (texts trimmed, '' as null), so that keeping
 * texts as sent changes no hash of a document already stored.
 */
function hashOf(record: object): string {
  return createHash('sha256')
    .update(JSON.stringify(normalisedForHash(record)))
    .digest('hex');
}

function normalisedForHash(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.map(normalisedForHash);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalisedForHash(v)]));
  return value;
}
