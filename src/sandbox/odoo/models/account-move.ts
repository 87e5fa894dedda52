import Decimal from 'decimal.js';
import { userError } from '../errors';
import type { OdooRecord } from '../fields';
import { moveMethods } from '../methods/account-move';
import type { Env, Orm } from '../orm';
import { checkLineUom, isPurchase, isSale, MOVE_TYPES, moveAmounts } from './account';
import { char, company, m2o, type ModelDef } from './model';

const money = (string: string) => ({ type: 'monetary' as const, string, computed: true });
const toNumber = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();

const DRAFT_LABELS: Record<string, string> = {
  out_invoice: 'Draft Invoice',
  out_refund: 'Draft Credit Note',
  in_invoice: 'Draft Bill',
  in_refund: 'Draft Vendor Credit Note',
  out_receipt: 'Draft Sales Receipt',
  in_receipt: 'Draft Purchase Receipt',
  entry: 'Draft Entry',
};

/** account.move._search_default_journal: the company's first journal of the move's type. */
function defaultJournal(orm: Orm, env: Env, companyId: number, moveType: unknown): number {
  const types = isPurchase(moveType) ? ['purchase'] : isSale(moveType) ? ['sale'] : ['general'];
  const journal = orm
    .all('account.journal')
    .filter((j) => j.company_id === companyId && types.includes(j.type as string) && j.active !== false)
    .sort((a, b) => (a.sequence as number) - (b.sequence as number) || a.id - b.id)[0];
  if (!journal) {
    const c = orm.get('res.company', companyId);
    throw userError(
      `No journal could be found in company ${String(c?.name)} for any of those types: ${types.join(', ')}`,
    );
  }
  return journal.id;
}

export const accountMove: ModelDef = {
  name: 'account.move',
  description: 'Journal Entry',
  order: 'date desc, name desc, invoice_date desc, id desc',
  companyRule: 'required',
  fields: {
    name: char('Number'),
    ref: char('Reference'),
    narration: { type: 'html', string: 'Terms and Conditions' },
    move_type: { type: 'selection', string: 'Type', selection: MOVE_TYPES, required: true },
    state: {
      type: 'selection',
      string: 'Status',
      required: true,
      selection: [
        ['draft', 'Draft'],
        ['posted', 'Posted'],
        ['cancel', 'Cancelled'],
      ],
    },
    date: { type: 'date', string: 'Date', required: true },
    invoice_date: { type: 'date', string: 'Invoice/Bill Date' },
    invoice_date_due: { type: 'date', string: 'Due Date' },
    invoice_origin: char('Origin'),
    invoice_payment_term_id: m2o('account.payment.term', 'Payment Terms', { checkCompany: true }),
    invoice_user_id: m2o('res.users', 'Salesperson'),
    payment_reference: char('Payment Reference'),
    partner_id: m2o('res.partner', 'Partner', { checkCompany: true }),
    commercial_partner_id: m2o('res.partner', 'Commercial Entity', { computed: true }),
    company_id: company(true),
    journal_id: m2o('account.journal', 'Journal', { required: true, checkCompany: true }),
    currency_id: m2o('res.currency', 'Currency', { required: true }),
    invoice_line_ids: {
      type: 'one2many',
      relation: 'account.move.line',
      inverse: 'move_id',
      string: 'Invoice lines',
    },
    line_ids: {
      type: 'one2many',
      relation: 'account.move.line',
      inverse: 'move_id',
      string: 'Journal Items',
    },
    amount_untaxed: money('Untaxed Amount'),
    amount_tax: money('Tax'),
    amount_total: money('Total'),
    amount_residual: money('Amount Due'),
    payment_state: {
      type: 'selection',
      string: 'Payment Status',
      computed: true,
      selection: [
        ['not_paid', 'Not Paid'],
        ['in_payment', 'In Payment'],
        ['paid', 'Paid'],
        ['partial', 'Partially Paid'],
        ['reversed', 'Reversed'],
        ['invoicing_legacy', 'Invoicing App Legacy'],
      ],
    },
    posted_before: { type: 'boolean', string: 'Posted Before' },
    is_move_sent: { type: 'boolean', string: 'Is Move Sent' },
    auto_post: {
      type: 'selection',
      string: 'Auto-post',
      selection: [
        ['no', 'No'],
        ['at_date', 'At Date'],
      ],
    },
  },
  defaults: {
    move_type: () => 'entry',
    state: () => 'draft',
    name: () => '/',
    auto_post: () => 'no',
    currency_id: (orm) => orm.all('res.currency').find((c) => c.name === 'EUR')?.id ?? false,
  },
  prepareCreate(orm, env, vals) {
    if (typeof vals.journal_id === 'number') {
      const journal = orm.get('account.journal', vals.journal_id);
      if (journal && vals.company_id === undefined) vals.company_id = journal.company_id;
    } else {
      if (vals.company_id === undefined || vals.company_id === false) vals.company_id = env.companyId;
      vals.journal_id = defaultJournal(orm, env, vals.company_id as number, vals.move_type);
    }
    if (vals.date === undefined || vals.date === false) vals.date = vals.invoice_date || orm.today();
  },
  beforeWrite(_orm, _env, _recs, vals) {
    if (typeof vals.invoice_date === 'string' && !('date' in vals)) vals.date = vals.invoice_date;
  },
  beforeUnlink(_orm, _env, recs) {
    if (recs.some((m) => m.state === 'posted'))
      throw userError('You cannot delete an item linked to a posted entry.');
  },
  compute: {
    amount_untaxed: (orm, rec) => toNumber(moveAmounts(orm, rec).untaxed),
    amount_tax: (orm, rec) => toNumber(moveAmounts(orm, rec).tax),
    amount_total: (orm, rec) => {
      const a = moveAmounts(orm, rec);
      return toNumber(a.untaxed.plus(a.tax));
    },
    amount_residual: (orm, rec) => {
      if (rec.state !== 'posted') return 0;
      const a = moveAmounts(orm, rec);
      return toNumber(a.untaxed.plus(a.tax));
    },
    payment_state: () => 'not_paid',
    commercial_partner_id: (_orm, rec) => rec.partner_id ?? false,
  },
  displayName(_orm, rec: OdooRecord) {
    let name = '';
    if (rec.state === 'draft') name = `${DRAFT_LABELS[rec.move_type as string] ?? 'Draft Entry'} `;
    name += !rec.name || rec.name === '/' ? `(* ${rec.id})` : String(rec.name);
    return rec.ref && rec.state !== 'draft' ? `${name} (${String(rec.ref)})` : name;
  },
  methods: moveMethods,
};

export const accountMoveLine: ModelDef = {
  name: 'account.move.line',
  description: 'Journal Item',
  order: 'date desc, move_name desc, id',
  companyRule: 'required',
  fields: {
    move_id: m2o('account.move', 'Journal Entry', { required: true }),
    move_name: char('Number', { related: ['move_id', 'name'] }),
    date: { type: 'date', string: 'Date', related: ['move_id', 'date'] },
    parent_state: { type: 'selection', string: 'Status', related: ['move_id', 'state'], selection: [] },
    partner_id: m2o('res.partner', 'Partner', { related: ['move_id', 'partner_id'] }),
    company_id: company(true),
    sequence: { type: 'integer', string: 'Sequence' },
    name: char('Label'),
    display_type: {
      type: 'selection',
      string: 'Display Type',
      required: true,
      selection: [
        ['product', 'Product'],
        ['cogs', 'Cost of Goods Sold'],
        ['tax', 'Tax'],
        ['discount', 'Discount'],
        ['rounding', 'Rounding'],
        ['payment_term', 'Payment Term'],
        ['line_section', 'Section'],
        ['line_note', 'Note'],
        ['epd', 'Early Payment Discount'],
      ],
    },
    product_id: m2o('product.product', 'Product', { checkCompany: true }),
    product_uom_id: m2o('uom.uom', 'Unit of Measure'),
    account_id: m2o('account.account', 'Account', { checkCompany: true }),
    quantity: { type: 'float', string: 'Quantity', digits: 2 },
    price_unit: { type: 'float', string: 'Unit Price', digits: 2 },
    discount: { type: 'float', string: 'Discount (%)', digits: 2 },
    tax_ids: { type: 'many2many', relation: 'account.tax', string: 'Taxes', checkCompany: true },
    analytic_distribution: { type: 'json', string: 'Analytic Distribution' },
    purchase_line_id: m2o('purchase.order.line', 'Purchase Order Line', { checkCompany: true }),
    purchase_order_id: m2o('purchase.order', 'Purchase Order', { computed: true }),
    price_subtotal: money('Subtotal'),
    price_total: money('Total'),
    currency_id: m2o('res.currency', 'Currency', { related: ['move_id', 'currency_id'] }),
  },
  defaults: {
    display_type: () => 'product',
    sequence: () => 10,
    quantity: () => 1,
    company_id: (orm, env, vals) => {
      const move = typeof vals.move_id === 'number' ? orm.get('account.move', vals.move_id) : undefined;
      return move ? move.company_id : env.companyId;
    },
  },
  prepareCreate(orm, _env, vals, given) {
    const move = orm.get('account.move', vals.move_id as number);
    const product =
      typeof vals.product_id === 'number' ? orm.get('product.product', vals.product_id) : undefined;
    const tmpl = product && orm.get('product.template', product.product_tmpl_id as number);
    if (move && vals.account_id === undefined && vals.display_type === 'product') {
      // 17.0 account_move_line.py _compute_account_id: the product's (or the journal's default)
      // expense / income account; here the company's 601000 / 707000.
      const code = isSale(move.move_type) ? '707000' : '601000';
      vals.account_id =
        orm.all('account.account').find((a) => a.company_id === move.company_id && a.code === code)?.id ??
        false;
    }
    if (!tmpl || !move) return;
    if (vals.product_uom_id === undefined) vals.product_uom_id = tmpl.uom_id;
    if (vals.name === undefined) vals.name = orm.displayName('product.product', product as OdooRecord);
    if (vals.price_unit === undefined)
      vals.price_unit = isSale(move.move_type) ? tmpl.list_price : tmpl.standard_price;
    if (!given.has('tax_ids') && vals.display_type === 'product') {
      const taxes = (isSale(move.move_type) ? tmpl.taxes_id : tmpl.supplier_taxes_id) as number[] | undefined;
      vals.tax_ids = (taxes ?? []).filter((t) => orm.get('account.tax', t)?.company_id === move.company_id);
    }
    checkLineUom(orm, vals as OdooRecord);
  },
  compute: {
    price_subtotal: (orm, rec) => {
      const move = orm.get('account.move', rec.move_id as number);
      return move ? toNumber(moveAmounts(orm, move).perLine.get(rec.id)?.subtotal ?? new Decimal(0)) : 0;
    },
    price_total: (orm, rec) => {
      const move = orm.get('account.move', rec.move_id as number);
      return move ? toNumber(moveAmounts(orm, move).perLine.get(rec.id)?.total ?? new Decimal(0)) : 0;
    },
    purchase_order_id: (orm, rec) =>
      typeof rec.purchase_line_id === 'number'
        ? (orm.get('purchase.order.line', rec.purchase_line_id)?.order_id ?? false)
        : false,
  },
  displayName(orm, rec) {
    const move = orm.get('account.move', rec.move_id as number);
    const moveName = move && move.name !== '/' ? String(move.name) : '';
    return [moveName, rec.name].filter(Boolean).join(' ') || `account.move.line,${rec.id}`;
  },
};
