import { char, company, m2o, type ModelDef } from './model';

const PRODUCT_TYPES: [string, string][] = [
  ['consu', 'Consumable'],
  ['service', 'Service'],
  ['product', 'Storable Product'],
];

const templateFields = {
  name: char('Name', { required: true }),
  default_code: char('Internal Reference'),
  type: { type: 'selection' as const, string: 'Type', selection: PRODUCT_TYPES },
  detailed_type: { type: 'selection' as const, string: 'Product Type', selection: PRODUCT_TYPES },
  uom_id: m2o('uom.uom', 'Unit of Measure', { required: true }),
  uom_po_id: m2o('uom.uom', 'Purchase Unit of Measure', { required: true }),
  weight: { type: 'float' as const, string: 'Weight', digits: 2 },
  list_price: { type: 'float' as const, string: 'Sales Price', digits: 2 },
  standard_price: { type: 'float' as const, string: 'Cost', digits: 2 },
  purchase_method: {
    type: 'selection' as const,
    string: 'Control Policy',
    selection: [
      ['purchase', 'On ordered quantities'],
      ['receive', 'On received quantities'],
    ] as [string, string][],
  },
  company_id: company(),
  active: { type: 'boolean' as const, string: 'Active' },
  supplier_taxes_id: { type: 'many2many' as const, relation: 'account.tax', string: 'Vendor Taxes' },
  taxes_id: { type: 'many2many' as const, relation: 'account.tax', string: 'Customer Taxes' },
};

export const productTemplate: ModelDef = {
  name: 'product.template',
  description: 'Product',
  order: 'priority desc, name',
  companyRule: 'optional',
  fields: {
    ...templateFields,
    seller_ids: {
      type: 'one2many',
      relation: 'product.supplierinfo',
      inverse: 'product_tmpl_id',
      string: 'Vendors',
    },
    product_variant_ids: {
      type: 'one2many',
      relation: 'product.product',
      inverse: 'product_tmpl_id',
      string: 'Products',
    },
    priority: {
      type: 'selection',
      string: 'Favorite',
      selection: [
        ['0', 'Normal'],
        ['1', 'Favorite'],
      ],
    },
  },
  defaults: {
    active: () => true,
    type: (_o, _e, vals) => vals.detailed_type ?? 'consu',
    detailed_type: (_o, _e, vals) => vals.type ?? 'consu',
    uom_id: (orm) => orm.all('uom.uom').find((u) => u.name === 'Units')?.id ?? false,
    uom_po_id: (_o, _e, vals) => vals.uom_id,
    purchase_method: () => 'receive',
    priority: () => '0',
  },
  displayName: (_orm, rec) => codeAndName(rec),
};

function codeAndName(rec: Record<string, unknown>): string {
  return rec.default_code ? `[${String(rec.default_code)}] ${String(rec.name)}` : String(rec.name);
}

/** product.product _inherits product.template: its template fields are related and written through. */
export const productProduct: ModelDef = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'priority desc, default_code, name, id',
  companyRule: 'optional',
  fields: {
    ...Object.fromEntries(
      Object.entries(templateFields).map(([f, def]) => [
        f,
        { ...def, required: false, related: ['product_tmpl_id', f] },
      ]),
    ),
    product_tmpl_id: m2o('product.template', 'Product Template', { required: true }),
    seller_ids: {
      type: 'one2many',
      relation: 'product.supplierinfo',
      string: 'Vendors',
      related: ['product_tmpl_id', 'seller_ids'],
    },
    priority: {
      type: 'selection',
      string: 'Favorite',
      selection: [
        ['0', 'Normal'],
        ['1', 'Favorite'],
      ],
      related: ['product_tmpl_id', 'priority'],
    },
    active: { type: 'boolean', string: 'Active' },
    barcode: char('Barcode'),
  },
  defaults: { active: () => true },
  inherits: { model: 'product.template', field: 'product_tmpl_id' },
  displayName: (orm, rec) => {
    const tmpl = orm.get('product.template', rec.product_tmpl_id as number);
    return tmpl ? codeAndName(tmpl) : `product.product,${rec.id}`;
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
