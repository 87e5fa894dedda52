import { userError } from '../errors';
import type { FieldDef } from '../fields';
import { char, company, m2o, type ModelDef } from './model';

/*
 * Fields of product.template / product.product as Odoo 17.0 defines them with the modules Sicalait
 * runs (product, account, purchase, stock). The search index holds no 17.0 copy of these files,
 * only master (odoo/odoo addons/product/models/product_template.py, product_product.py, where
 * detailed_type and uom_po_id are gone); the 17.0 shapes below are from the 17.0 sources:
 * - addons/product/models/product_template.py: name, sequence, description*, detailed_type,
 *   type, categ_id (required, default "All"), list_price (default 1.0), standard_price, volume,
 *   weight, sale_ok, purchase_ok (default True), uom_id, uom_po_id (required, same category:
 *   _check_uom), company_id, seller_ids, active, color, priority, barcode, default_code,
 *   product_variant_ids / _id / _count;
 * - addons/account/models/product.py: taxes_id, supplier_taxes_id, property_account_income_id,
 *   property_account_expense_id;
 * - addons/purchase/models/product.py: purchase_method (default 'receive' for goods),
 *   purchase_line_warn (required, default 'no-message'), purchase_line_warn_msg;
 * - addons/stock/models/product.py: detailed_type gains 'product' (Storable), tracking
 *   (required, default 'none'), responsible_id, sale_delay-free fields we do not use are left out.
 * product.product _inherits product.template (addons/product/models/product_product.py): every
 * template field is readable, writable and searchable on the variant.
 */

const DETAILED_TYPES: [string, string][] = [
  ['consu', 'Consumable'],
  ['service', 'Service'],
  ['product', 'Storable Product'],
];

const float = (string: string, digits = 2, extra: Partial<FieldDef> = {}): FieldDef => ({
  type: 'float',
  string,
  digits,
  ...extra,
});
const bool = (string: string): FieldDef => ({ type: 'boolean', string });
const sel = (string: string, selection: [string, string][], extra: Partial<FieldDef> = {}): FieldDef => ({
  type: 'selection',
  string,
  selection,
  ...extra,
});

const WARN: [string, string][] = [
  ['no-message', 'No Message'],
  ['warning', 'Warning'],
  ['block', 'Blocking Message'],
];

export const productTemplate: ModelDef = {
  name: 'product.template',
  description: 'Product',
  order: 'priority desc, name',
  companyRule: 'optional',
  fields: {
    name: char('Name', { required: true }),
    sequence: { type: 'integer', string: 'Sequence' },
    description: { type: 'html', string: 'Description' },
    description_purchase: { type: 'text', string: 'Purchase Description' },
    description_sale: { type: 'text', string: 'Sales Description' },
    detailed_type: sel('Product Type', DETAILED_TYPES, { required: true }),
    type: sel('Type', DETAILED_TYPES, { required: true }),
    categ_id: m2o('product.category', 'Product Category', { required: true }),
    currency_id: m2o('res.currency', 'Currency', { computed: true }),
    cost_currency_id: m2o('res.currency', 'Cost Currency', { computed: true }),
    list_price: float('Sales Price'),
    standard_price: float('Cost'),
    volume: float('Volume', 4),
    weight: float('Weight', 2),
    sale_ok: bool('Can be Sold'),
    purchase_ok: bool('Can be Purchased'),
    uom_id: m2o('uom.uom', 'Unit of Measure', { required: true }),
    uom_name: char('Unit of Measure Name', { related: ['uom_id', 'name'], readonly: true }),
    uom_po_id: m2o('uom.uom', 'Purchase UoM', { required: true }),
    company_id: company(),
    seller_ids: {
      type: 'one2many',
      relation: 'product.supplierinfo',
      inverse: 'product_tmpl_id',
      string: 'Vendors',
    },
    active: bool('Active'),
    color: { type: 'integer', string: 'Color Index' },
    priority: sel('Favorite', [
      ['0', 'Normal'],
      ['1', 'Favorite'],
    ]),
    default_code: char('Internal Reference'),
    barcode: char('Barcode'),
    product_variant_ids: {
      type: 'one2many',
      relation: 'product.product',
      inverse: 'product_tmpl_id',
      string: 'Products',
    },
    product_variant_id: m2o('product.product', 'Product', { computed: true }),
    product_variant_count: { type: 'integer', string: '# Product Variants', computed: true },
    // account
    taxes_id: { type: 'many2many', relation: 'account.tax', string: 'Customer Taxes', checkCompany: true },
    supplier_taxes_id: {
      type: 'many2many',
      relation: 'account.tax',
      string: 'Vendor Taxes',
      checkCompany: true,
    },
    property_account_income_id: m2o('account.account', 'Income Account'),
    property_account_expense_id: m2o('account.account', 'Expense Account'),
    // purchase
    purchase_method: sel('Control Policy', [
      ['purchase', 'On ordered quantities'],
      ['receive', 'On received quantities'],
    ]),
    purchase_line_warn: sel('Purchase Order Line Warning', WARN, { required: true }),
    purchase_line_warn_msg: { type: 'text', string: 'Message for Purchase Order Line' },
    // stock
    tracking: sel(
      'Tracking',
      [
        ['serial', 'By Unique Serial Number'],
        ['lot', 'By Lots'],
        ['none', 'No Tracking'],
      ],
      { required: true },
    ),
    responsible_id: m2o('res.users', 'Responsible'),
  },
  defaults: {
    active: () => true,
    sequence: () => 1,
    sale_ok: () => true,
    purchase_ok: () => true,
    list_price: () => 1,
    color: () => 0,
    detailed_type: (_o, _e, vals) => vals.type ?? 'consu',
    type: (_o, _e, vals) => (vals.detailed_type === 'service' ? 'service' : (vals.detailed_type ?? 'consu')),
    categ_id: (orm) => orm.all('product.category').find((c) => c.name === 'All')?.id ?? false,
    uom_id: (orm) => orm.all('uom.uom').find((u) => u.name === 'Units')?.id ?? false,
    uom_po_id: (_o, _e, vals) => vals.uom_id,
    purchase_method: (_o, _e, vals) =>
      vals.detailed_type === 'service' || vals.type === 'service' ? 'purchase' : 'receive',
    purchase_line_warn: () => 'no-message',
    tracking: () => 'none',
    priority: () => '0',
  },
  compute: {
    currency_id: (orm, rec) => companyCurrency(orm, rec.company_id),
    cost_currency_id: (orm, rec) => companyCurrency(orm, rec.company_id),
    product_variant_id: (orm, rec) =>
      orm.all('product.product').find((p) => p.product_tmpl_id === rec.id)?.id ?? false,
    product_variant_count: (orm, rec) =>
      orm.all('product.product').filter((p) => p.product_tmpl_id === rec.id && p.active !== false).length,
  },
  prepareCreate(orm, _env, vals) {
    checkUomCategories(orm, vals.uom_id, vals.uom_po_id);
  },
  beforeWrite(orm, _env, recs, vals) {
    if ('detailed_type' in vals && !('type' in vals)) vals.type = vals.detailed_type;
    for (const rec of recs) {
      const uom = 'uom_id' in vals ? vals.uom_id : rec.uom_id;
      const po = 'uom_po_id' in vals ? vals.uom_po_id : rec.uom_po_id;
      checkUomCategories(orm, uom, po);
    }
  },
  displayName: (_orm, rec) => codeAndName(rec),
};

function companyCurrency(orm: import('../orm').Orm, companyId: unknown): number | false {
  const c = typeof companyId === 'number' ? orm.get('res.company', companyId) : undefined;
  return (
    (c?.currency_id as number | undefined) ??
    orm.all('res.currency').find((x) => x.name === 'EUR')?.id ??
    false
  );
}

/** product.template._check_uom (17.0): both units in one category, else a ValidationError. */
function checkUomCategories(orm: import('../orm').Orm, uomId: unknown, poId: unknown): void {
  const a = typeof uomId === 'number' ? orm.get('uom.uom', uomId) : undefined;
  const b = typeof poId === 'number' ? orm.get('uom.uom', poId) : undefined;
  if (a && b && a.category_id !== b.category_id) {
    throw userError(
      'The default Unit of Measure and the purchase Unit of Measure must be in the same category.',
    );
  }
}

function codeAndName(rec: Record<string, unknown>): string {
  return rec.default_code ? `[${String(rec.default_code)}] ${String(rec.name)}` : String(rec.name);
}

/**
 * product.product _inherits product.template: the template's fields come through Orm.field (as
 * related fields via product_tmpl_id); here only the variant's own columns (17.0 product_product.py).
 */
export const productProduct: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'priority desc, default_code, name, id',
  companyRule: 'optional',
  fields: {
    product_tmpl_id: m2o('product.template', 'Product Template', { required: true }),
    active: bool('Active'),
    lst_price: float('Sales Price', 2, { computed: true }),
    price_extra: float('Variant Price Extra', 2, { computed: true }),
    code: char('Reference', { computed: true }),
    partner_ref: char('Customer Ref', { computed: true }),
    is_product_variant: { type: 'boolean', string: 'Is a product variant', computed: true },
  },
  defaults: { active: () => true },
  compute: {
    lst_price: (orm, rec) => orm.value('product.product', rec, 'list_price'),
    price_extra: () => 0,
    code: (orm, rec) => orm.value('product.product', rec, 'default_code'),
    partner_ref: (orm, rec) => orm.displayName('product.product', rec),
    is_product_variant: () => true,
  },
  inherits: { model: 'product.template', field: 'product_tmpl_id' },
  displayName: (orm, rec) => {
    const tmpl = orm.get('product.template', rec.product_tmpl_id as number);
    return tmpl ? codeAndName(tmpl) : `product.product,${rec.id}`;
  },
};

export const productCategory: ModelDef = {
  name: 'product.category',
  description: 'Product Category',
  order: 'complete_name',
  companyRule: 'none',
  fields: {
    name: char('Name', { required: true }),
    complete_name: char('Complete Name', { computed: true }),
    parent_id: m2o('product.category', 'Parent Category'),
    property_account_income_categ_id: m2o('account.account', 'Income Account'),
    property_account_expense_categ_id: m2o('account.account', 'Expense Account'),
  },
  compute: {
    complete_name: (orm, rec) => {
      const parent =
        typeof rec.parent_id === 'number' ? orm.get('product.category', rec.parent_id) : undefined;
      return parent ? `${String(parent.name)} / ${String(rec.name)}` : String(rec.name);
    },
  },
};

export const productSupplierinfo: ModelDef = {
  name: 'product.supplierinfo',
  description: 'Supplier Pricelist',
  order: 'sequence, min_qty DESC, price, id',
  companyRule: 'optional',
  fields: {
    partner_id: m2o('res.partner', 'Vendor', { required: true }),
    product_name: char('Vendor Product Name'),
    product_code: char('Vendor Product Code'),
    sequence: { type: 'integer', string: 'Sequence' },
    min_qty: { type: 'float', string: 'Quantity', digits: 2 },
    price: { type: 'float', string: 'Price', digits: 2 },
    currency_id: m2o('res.currency', 'Currency'),
    product_tmpl_id: m2o('product.template', 'Product Template'),
    product_id: m2o('product.product', 'Product Variant'),
    product_uom: m2o('uom.uom', 'Unit of Measure', { computed: true }),
    company_id: company(),
    delay: { type: 'integer', string: 'Delivery Lead Time' },
  },
  defaults: {
    sequence: () => 1,
    delay: () => 1,
    company_id: (_o, env) => env.companyId,
    currency_id: (orm) => orm.all('res.currency').find((c) => c.name === 'EUR')?.id ?? false,
  },
  compute: {
    product_uom: (orm, rec) => {
      const tmpl = orm.get('product.template', rec.product_tmpl_id as number);
      return tmpl?.uom_po_id ?? false;
    },
  },
  displayName: (orm, rec) => {
    const p = orm.get('res.partner', rec.partner_id as number);
    return p ? orm.displayName('res.partner', p) : `product.supplierinfo,${rec.id}`;
  },
};

export const uomCategory: ModelDef = {
  name: 'uom.category',
  description: 'Product UoM Categories',
  order: 'name',
  companyRule: 'none',
  fields: { name: char('Unit of Measure Category', { required: true }) },
};

export const uomUom: ModelDef = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  order: 'factor DESC, id',
  companyRule: 'none',
  fields: {
    name: char('Unit of Measure', { required: true }),
    category_id: m2o('uom.category', 'Category', { required: true }),
    factor: { type: 'float', string: 'Ratio' },
    factor_inv: { type: 'float', string: 'Bigger Ratio', computed: true },
    rounding: { type: 'float', string: 'Rounding Precision' },
    uom_type: {
      type: 'selection',
      string: 'Type',
      selection: [
        ['bigger', 'Bigger than the reference Unit of Measure'],
        ['reference', 'Reference Unit of Measure for this category'],
        ['smaller', 'Smaller than the reference Unit of Measure'],
      ],
    },
    active: { type: 'boolean', string: 'Active' },
  },
  compute: { factor_inv: (_orm, rec) => (rec.factor ? 1 / (rec.factor as number) : 0) },
};
