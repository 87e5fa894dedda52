import Decimal from 'decimal.js';
import { userError } from '../errors';
import type { OdooRecord } from '../fields';
import type { Orm } from '../orm';
import { char, company, m2o, type ModelDef } from './model';

export const MOVE_TYPES: [string, string][] = [
  ['entry', 'Journal Entry'],
  ['out_invoice', 'Customer Invoice'],
  ['out_refund', 'Customer Credit Note'],
  ['in_invoice', 'Vendor Bill'],
  ['in_refund', 'Vendor Credit Note'],
  ['out_receipt', 'Sales Receipt'],
  ['in_receipt', 'Purchase Receipt'],
];

export const isPurchase = (t: unknown) => t === 'in_invoice' || t === 'in_refund' || t === 'in_receipt';
export const isSale = (t: unknown) => t === 'out_invoice' || t === 'out_refund' || t === 'out_receipt';

export const accountTax: ModelDef = {
  name: 'account.tax',
  description: 'Tax',
  order: 'sequence,id',
  companyRule: 'required',
  fields: {
    name: char('Tax Name', { required: true }),
    description: char('Label on Invoices'),
    amount: { type: 'float', string: 'Amount', digits: 4 },
    amount_type: {
      type: 'selection',
      string: 'Tax Computation',
      selection: [
        ['group', 'Group of Taxes'],
        ['fixed', 'Fixed'],
        ['percent', 'Percentage of Price'],
        ['division', 'Percentage of Price Tax Included'],
      ],
    },
    type_tax_use: {
      type: 'selection',
      string: 'Tax Type',
      selection: [
        ['sale', 'Sales'],
        ['purchase', 'Purchases'],
        ['none', 'None'],
      ],
    },
    price_include: { type: 'boolean', string: 'Included in Price' },
    sequence: { type: 'integer', string: 'Sequence' },
    company_id: company(true),
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: {
    active: () => true,
    amount_type: () => 'percent',
    type_tax_use: () => 'sale',
    sequence: () => 1,
    company_id: (_o, env) => env.companyId,
  },
};

export const accountAnalyticAccount: ModelDef = {
  name: 'account.analytic.account',
  description: 'Analytic Account',
  order: 'plan_id, name asc',
  companyRule: 'optional',
  fields: {
    name: char('Analytic Account', { required: true }),
    code: char('Reference'),
    plan_id: m2o('account.analytic.plan', 'Plan'),
    company_id: company(),
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: { active: () => true },
  displayName: (_orm, rec) => (rec.code ? `[${String(rec.code)}] ${String(rec.name)}` : String(rec.name)),
};

export const accountAnalyticPlan: ModelDef = {
  name: 'account.analytic.plan',
  description: 'Analytic Plans',
  order: 'sequence asc, id',
  companyRule: 'none',
  fields: { name: char('Name', { required: true }), sequence: { type: 'integer', string: 'Sequence' } },
};

export const accountJournal: ModelDef = {
  name: 'account.journal',
  description: 'Journal',
  order: 'sequence, type, code',
  companyRule: 'required',
  fields: {
    name: char('Journal Name', { required: true }),
    code: char('Short Code', { required: true }),
    type: {
      type: 'selection',
      string: 'Type',
      required: true,
      selection: [
        ['sale', 'Sales'],
        ['purchase', 'Purchase'],
        ['cash', 'Cash'],
        ['bank', 'Bank'],
        ['general', 'Miscellaneous'],
      ],
    },
    refund_sequence: { type: 'boolean', string: 'Dedicated Credit Note Sequence' },
    sequence: { type: 'integer', string: 'Sequence' },
    company_id: company(true),
    currency_id: m2o('res.currency', 'Currency'),
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: { active: () => true, sequence: () => 10, company_id: (_o, env) => env.companyId },
};

export interface MoveAmounts {
  untaxed: Decimal;
  tax: Decimal;
  perLine: Map<number, { subtotal: Decimal; total: Decimal }>;
}

/** Line subtotals and taxes as Odoo 17 computes them, with the company's tax rounding method. */
export function moveAmounts(orm: Orm, move: OdooRecord): MoveAmounts {
  const companyRec = orm.get('res.company', move.company_id as number);
  const globally = companyRec?.tax_calculation_rounding_method === 'round_globally';
  const lines = orm
    .all('account.move.line')
    .filter((l) => l.move_id === move.id && l.display_type === 'product');
  const perLine = new Map<number, { subtotal: Decimal; total: Decimal }>();
  const perTax = new Map<number, Decimal>();
  let untaxed = new Decimal(0);
  let roundedTax = new Decimal(0);
  for (const line of lines) {
    const subtotal = lineSubtotal(line);
    untaxed = untaxed.plus(subtotal);
    let lineTax = new Decimal(0);
    for (const taxId of (line.tax_ids as number[] | undefined) ?? []) {
      const tax = orm.get('account.tax', taxId);
      if (!tax) continue;
      const raw =
        tax.amount_type === 'fixed'
          ? new Decimal(tax.amount as number).times(line.quantity as number)
          : subtotal.times(tax.amount as number).dividedBy(100);
      perTax.set(taxId, (perTax.get(taxId) ?? new Decimal(0)).plus(raw));
      lineTax = lineTax.plus(raw.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
    }
    roundedTax = roundedTax.plus(lineTax);
    perLine.set(line.id, { subtotal, total: subtotal.plus(lineTax) });
  }
  const tax = globally
    ? [...perTax.values()].reduce(
        (s, t) => s.plus(t.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
        new Decimal(0),
      )
    : roundedTax;
  return { untaxed, tax, perLine };
}

export function lineSubtotal(line: OdooRecord): Decimal {
  const discount = new Decimal((line.discount as number) || 0);
  return new Decimal((line.quantity as number) || 0)
    .times((line.price_unit as number) || 0)
    .times(new Decimal(1).minus(discount.dividedBy(100)))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function uomFactor(orm: Orm, uomId: unknown): { factor: number; category: unknown } | undefined {
  const uom = typeof uomId === 'number' ? orm.get('uom.uom', uomId) : undefined;
  return uom ? { factor: uom.factor as number, category: uom.category_id } : undefined;
}

/** uom.uom._compute_quantity: quantity in `from` → quantity in `to` (same category). */
export function convertQty(orm: Orm, qty: number, from: unknown, to: unknown): number {
  const a = uomFactor(orm, from);
  const b = uomFactor(orm, to);
  if (!a || !b || from === to) return qty;
  return new Decimal(qty).dividedBy(a.factor).times(b.factor).toNumber();
}

export function checkLineUom(orm: Orm, line: OdooRecord): void {
  if (typeof line.product_id !== 'number' || typeof line.product_uom_id !== 'number') return;
  const product = orm.get('product.product', line.product_id);
  const tmpl = product && orm.get('product.template', product.product_tmpl_id as number);
  const lineUom = orm.get('uom.uom', line.product_uom_id);
  const productUom = tmpl && orm.get('uom.uom', tmpl.uom_id as number);
  if (!tmpl || !lineUom || !productUom || lineUom.category_id === productUom.category_id) return;
  const category = orm.get('uom.category', productUom.category_id as number);
  throw userError(
    `The Unit of Measure (UoM) '${String(lineUom.name)}' you have selected for product '${orm.displayName('product.product', product as OdooRecord)}', ` +
      `is incompatible with its category : ${String(category?.name)}.`,
  );
}

/** account.account (17.0 addons/account/models/account_account.py): one company per account. */
export const accountAccount: ModelDef = {
  name: 'account.account',
  description: 'Account',
  order: 'code, company_id',
  companyRule: 'required',
  fields: {
    name: char('Account Name', { required: true }),
    code: char('Code', { required: true }),
    account_type: {
      type: 'selection',
      string: 'Type',
      required: true,
      selection: [
        ['asset_receivable', 'Receivable'],
        ['asset_cash', 'Bank and Cash'],
        ['asset_current', 'Current Assets'],
        ['liability_payable', 'Payable'],
        ['liability_current', 'Current Liabilities'],
        ['income', 'Income'],
        ['income_other', 'Other Income'],
        ['expense', 'Expenses'],
        ['off_balance', 'Off-Balance Sheet'],
      ],
    },
    reconcile: { type: 'boolean', string: 'Allow Reconciliation' },
    deprecated: { type: 'boolean', string: 'Deprecated' },
    company_id: company(true),
    currency_id: m2o('res.currency', 'Account Currency'),
  },
  defaults: { company_id: (_o, env) => env.companyId, deprecated: () => false, reconcile: () => false },
  displayName: (_orm, rec) => `${String(rec.code)} ${String(rec.name)}`,
};

/** account.payment.term (17.0 addons/account/models/account_payment_term.py). */
export const accountPaymentTerm: ModelDef = {
  name: 'account.payment.term',
  description: 'Payment Terms',
  order: 'sequence, id',
  companyRule: 'optional',
  fields: {
    name: char('Payment Terms', { required: true }),
    active: { type: 'boolean', string: 'Active' },
    sequence: { type: 'integer', string: 'Sequence' },
    company_id: company(),
  },
  defaults: { active: () => true, sequence: () => 10 },
};
