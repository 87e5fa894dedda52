import { DateTime } from 'luxon';
import { parseDecimal, type Decimal } from '../common/money';
import type { GesicaLine } from './gesica.repository';

export interface GesicaOrderLine {
  productCode: string;
  unit: 'UN' | 'TO';
  qty: Decimal;
  price: Decimal;
}

export interface GesicaOrder {
  enocom: string;
  /** Odoo UTC datetimes: the start of the Réunion day of EDATCD / EDATCF. */
  dateOrder: string;
  datePlanned: string;
  lines: GesicaOrderLine[];
}

/** A Gesica day (YYYYMMDD, number or string) as the Odoo UTC datetime of its first instant in `zone`. */
export function gesicaDayToOdoo(value: string | number | null, zone: string): string | null {
  const text = value === null ? '' : String(value).trim();
  if (!/^\d{8}$/.test(text)) return null;
  const day = DateTime.fromFormat(text, 'yyyyLLdd', { zone });
  return day.isValid ? day.toUTC().toFormat('yyyy-LL-dd HH:mm:ss') : null;
}

/** CMD400 lines grouped by ENOCOM, each order checked field by field; a bad line rejects its order. */
export function groupGesicaLines(
  rows: GesicaLine[],
  zone: string,
): { orders: GesicaOrder[]; rejected: Array<{ enocom: string; field: string; message: string }> } {
  const groups = new Map<string, GesicaLine[]>();
  for (const row of rows) {
    const enocom = String(row.ENOCOM).trim();
    groups.set(enocom, [...(groups.get(enocom) ?? []), row]);
  }
  const orders: GesicaOrder[] = [];
  const rejected: Array<{ enocom: string; field: string; message: string }> = [];
  for (const [enocom, lines] of groups) {
    const problem = (field: string, message: string) => rejected.push({ enocom, field, message });
    const dateOrder = gesicaDayToOdoo(lines[0].EDATCD, zone);
    const datePlanned = gesicaDayToOdoo(lines[0].EDATCF, zone) ?? dateOrder;
    if (!dateOrder) {
      problem(
        'EDATCD',
        `commande Gesica ${enocom} : date de commande EDATCD '${String(lines[0].EDATCD)}' invalide (AAAAMMJJ)`,
      );
      continue;
    }
    const parsed: GesicaOrderLine[] = [];
    for (const [i, line] of lines.entries()) {
      const where = `commande Gesica ${enocom} ligne ${i + 1}`;
      const productCode = line.DNOPRO === null ? '' : String(line.DNOPRO).trim();
      const unit = String(line.DUNITE ?? '')
        .trim()
        .toUpperCase();
      const qty = parseDecimal(line.DQTCDE);
      const price = parseDecimal(line.DPXACH);
      if (!productCode) problem('DNOPRO', `${where} : produit DNOPRO manquant`);
      else if (unit !== 'UN' && unit !== 'TO')
        problem('DUNITE', `${where} : unité DUNITE '${unit}' (UN ou TO attendu)`);
      else if (!qty || !qty.gt(0))
        problem('DQTCDE', `${where} : quantité DQTCDE '${String(line.DQTCDE)}' invalide`);
      else if (!price || price.isNegative())
        problem('DPXACH', `${where} : prix DPXACH '${String(line.DPXACH)}' invalide`);
      else {
        parsed.push({ productCode, unit, qty, price });
        continue;
      }
      break;
    }
    if (parsed.length === lines.length)
      orders.push({ enocom, dateOrder, datePlanned: datePlanned!, lines: parsed });
  }
  return { orders, rejected };
}
