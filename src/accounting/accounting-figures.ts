import { Decimal, round2 } from '../common/money';
import type { MonthFigureRow } from './month-figures';

export interface FigureGroup {
  /** 'F' invoice, 'A' credit note. */
  typeFacture: string;
  intr: boolean;
  montantHT: string;
  tva: string;
  lines: number;
}

export interface JournalLine {
  account: string;
  label: string;
  debit: string | null;
  credit: string | null;
}

/** The month's figures of domain.md §7. Amounts are exact decimal strings ('1848.58'). */
export interface AccountingFigures {
  year: number;
  month: number;
  /** 'YYYY-MM' */
  monthKey: string;
  from: string;
  toExclusive: string;
  groups: FigureGroup[];
  invoices: { montantHT: string; intr: string; tva: string; count: number };
  creditNotes: { montantHT: string; intr: string; tva: string; count: number };
  /** Net (invoices − credit notes): HT without INTR, INTR, VAT. */
  net: { montantHT: string; intr: string; tva: string };
  excludedClients: string[];
  journal: JournalLine[];
}

export interface FigureLine {
  Numero_Facture: string;
  Type_Facture: string;
  Code_Produit: string | null;
  Montant_HT_Ligne: Decimal | null;
  Taux_TVA: Decimal | null;
}

const ZERO = new Decimal(0);

/**
 * Sums the month's lines exactly. Credit notes carry positive amounts (the type says refund), so
 * the net is invoices − credit notes; VAT is Σ HT × rate / 100 rounded to cents at the end.
 */
export function sumFigures(
  lines: FigureLine[],
): Pick<AccountingFigures, 'groups' | 'invoices' | 'creditNotes' | 'net' | 'journal'> {
  const groups = new Map<string, Group>();
  const invoiceNumbers = { F: new Set<string>(), A: new Set<string>() };
  for (const line of lines) {
    const type = line.Type_Facture.toUpperCase();
    const intr = (line.Code_Produit ?? '').trim().toUpperCase() === 'INTR';
    const ht = line.Montant_HT_Ligne ?? ZERO;
    addToGroup(groups, type, intr, 1, ht, ht.times(line.Taux_TVA ?? ZERO).div(100));
    if (type === 'F' || type === 'A') invoiceNumbers[type].add(line.Numero_Facture);
  }
  return finish(groups, { F: invoiceNumbers.F.size, A: invoiceNumbers.A.size });
}

/**
 * The same figures from the monthly summary rows (sync_month_figures, one per client and type):
 * the same exact sums, grouped beforehand by the job that wrote the lines.
 */
export function figuresFromSummary(
  rows: Array<
    Pick<
      MonthFigureRow,
      'typeFacture' | 'invoices' | 'lines' | 'ht' | 'tva' | 'intrLines' | 'intrHt' | 'intrTva'
    >
  >,
): Pick<AccountingFigures, 'groups' | 'invoices' | 'creditNotes' | 'net' | 'journal'> {
  const groups = new Map<string, Group>();
  const counts = { F: 0, A: 0 };
  for (const row of rows) {
    const type = row.typeFacture.toUpperCase();
    if (row.lines > 0) addToGroup(groups, type, false, row.lines, row.ht, row.tva);
    if (row.intrLines > 0) addToGroup(groups, type, true, row.intrLines, row.intrHt, row.intrTva);
    if (type === 'F' || type === 'A') counts[type] += row.invoices;
  }
  return finish(groups, counts);
}

interface Group {
  typeFacture: string;
  intr: boolean;
  ht: Decimal;
  tva: Decimal;
  lines: number;
}

function addToGroup(
  groups: Map<string, Group>,
  type: string,
  intr: boolean,
  lines: number,
  ht: Decimal,
  tva: Decimal,
): void {
  const key = `${type}|${intr}`;
  const group = groups.get(key) ?? { typeFacture: type, intr, ht: ZERO, tva: ZERO, lines: 0 };
  group.ht = group.ht.plus(ht);
  group.tva = group.tva.plus(tva);
  group.lines += lines;
  groups.set(key, group);
}

function finish(
  groups: Map<string, Group>,
  counts: { F: number; A: number },
): Pick<AccountingFigures, 'groups' | 'invoices' | 'creditNotes' | 'net' | 'journal'> {
  const pick = (type: string, intr: boolean) => groups.get(`${type}|${intr}`) ?? { ht: ZERO, tva: ZERO };
  const side = (type: 'F' | 'A') => {
    const normal = pick(type, false);
    const intr = pick(type, true);
    return { ht: normal.ht, intr: intr.ht, tva: normal.tva.plus(intr.tva) };
  };
  const f = side('F');
  const a = side('A');
  const net = {
    ht: round2(f.ht.minus(a.ht)),
    intr: round2(f.intr.minus(a.intr)),
    tva: round2(f.tva.minus(a.tva)),
  };
  return {
    groups: [...groups.values()]
      .sort((x, y) => x.typeFacture.localeCompare(y.typeFacture) || Number(x.intr) - Number(y.intr))
      .map((g) => ({
        typeFacture: g.typeFacture,
        intr: g.intr,
        montantHT: round2(g.ht).toFixed(2),
        tva: round2(g.tva).toFixed(2),
        lines: g.lines,
      })),
    invoices: {
      montantHT: round2(f.ht).toFixed(2),
      intr: round2(f.intr).toFixed(2),
      tva: round2(f.tva).toFixed(2),
      count: counts.F,
    },
    creditNotes: {
      montantHT: round2(a.ht).toFixed(2),
      intr: round2(a.intr).toFixed(2),
      tva: round2(a.tva).toFixed(2),
      count: counts.A,
    },
    net: { montantHT: net.ht.toFixed(2), intr: net.intr.toFixed(2), tva: net.tva.toFixed(2) },
    journal: journalPreview(net),
  };
}

/** A positive amount on its natural side, a negative one on the other side. */
function entry(
  account: string,
  label: string,
  amount: Decimal,
  naturalSide: 'debit' | 'credit',
): JournalLine {
  const side = amount.isNegative() ? (naturalSide === 'debit' ? 'credit' : 'debit') : naturalSide;
  const text = amount.abs().toFixed(2);
  return { account, label, debit: side === 'debit' ? text : null, credit: side === 'credit' ? text : null };
}

/**
 * The journal preview shown to accounting (accounts of domain.md §7), in the previous tool's pairs
 * so that the entry balances: bulk HT 6075000 debit / 7075000 credit, VAT 44573 and INTR 76800 on
 * both sides. Σ debit = Σ credit for every month, a negative net included.
 */
export function journalPreview(net: { ht: Decimal; intr: Decimal; tva: Decimal }): JournalLine[] {
  return [
    entry('6075000', 'Achats vrac (HT hors INTR)', net.ht, 'debit'),
    entry('7075000', 'Ventes vrac (HT hors INTR)', net.ht, 'credit'),
    entry('44573', 'TVA (achats)', net.tva, 'debit'),
    entry('44573', 'TVA (ventes)', net.tva, 'credit'),
    entry('76800', 'INTR (achats)', net.intr, 'debit'),
    entry('76800', 'INTR (ventes)', net.intr, 'credit'),
  ];
}
