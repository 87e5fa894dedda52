import { userError } from '../errors';
import { char, company, m2o, type ModelDef } from './model';

export const resPartner: ModelDef = {
  name: 'res.partner',
  description: 'Contact',
  order: 'complete_name ASC, id DESC',
  companyRule: 'optional',
  fields: {
    name: char('Name'),
    complete_name: char('Complete Name', { computed: true }),
    ref: char('Reference'),
    email: char('Email'),
    phone: char('Phone'),
    street: char('Street'),
    city: char('City'),
    zip: char('Zip'),
    vat: char('Tax ID'),
    is_company: { type: 'boolean', string: 'Is a Company' },
    type: {
      type: 'selection',
      string: 'Address Type',
      selection: [
        ['contact', 'Contact'],
        ['invoice', 'Invoice Address'],
        ['delivery', 'Delivery Address'],
        ['other', 'Other Address'],
      ],
    },
    parent_id: m2o('res.partner', 'Related Company'),
    child_ids: { type: 'one2many', relation: 'res.partner', inverse: 'parent_id', string: 'Contact' },
    category_id: { type: 'many2many', relation: 'res.partner.category', string: 'Tags' },
    company_id: company(),
    supplier_rank: { type: 'integer', string: 'Supplier Rank' },
    customer_rank: { type: 'integer', string: 'Customer Rank' },
    active: { type: 'boolean', string: 'Active' },
  },
  compute: {
    complete_name: (orm, rec) => orm.displayName('res.partner', rec),
  },
  defaults: {
    active: () => true,
    type: () => 'contact',
    supplier_rank: () => 0,
    customer_rank: () => 0,
  },
  prepareCreate(orm, env, vals) {
    if (vals.type === 'contact' && (vals.name === false || vals.name === undefined)) {
      throw contactsRequireAName();
    }
  },
  displayName(orm, rec) {
    const parent = typeof rec.parent_id === 'number' ? orm.get('res.partner', rec.parent_id) : undefined;
    const name = typeof rec.name === 'string' ? rec.name : '';
    return parent ? `${orm.displayName('res.partner', parent)}, ${name}` : name;
  },
};

/** The SQL constraint res_partner_check_name, as Odoo 17 words a CheckViolation. */
function contactsRequireAName() {
  return userError('The operation cannot be completed: Contacts require a name');
}

export const resPartnerCategory: ModelDef = {
  name: 'res.partner.category',
  description: 'Partner Tags',
  order: 'name',
  companyRule: 'none',
  fields: {
    name: char('Tag Name', { required: true }),
    parent_id: m2o('res.partner.category', 'Parent Category'),
    active: { type: 'boolean', string: 'Active' },
    partner_ids: { type: 'many2many', relation: 'res.partner', string: 'Partners', computed: true },
  },
  defaults: { active: () => true },
  compute: {
    partner_ids: (orm, rec) =>
      orm
        .all('res.partner')
        .filter((p) => Array.isArray(p.category_id) && p.category_id.includes(rec.id))
        .map((p) => p.id),
  },
};

export const resCompany: ModelDef = {
  name: 'res.company',
  description: 'Companies',
  order: 'sequence, name',
  companyRule: 'user',
  fields: {
    name: char('Company Name', { required: true }),
    email: char('Email'),
    sequence: { type: 'integer', string: 'Sequence' },
    partner_id: m2o('res.partner', 'Partner', { required: true }),
    currency_id: m2o('res.currency', 'Currency'),
    parent_id: m2o('res.company', 'Parent Company'),
    tax_calculation_rounding_method: {
      type: 'selection',
      string: 'Tax Calculation Rounding Method',
      selection: [
        ['round_per_line', 'Round per Line'],
        ['round_globally', 'Round Globally'],
      ],
    },
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: {
    active: () => true,
    sequence: () => 10,
    tax_calculation_rounding_method: () => 'round_per_line',
  },
};

export const resCurrency: ModelDef = {
  name: 'res.currency',
  description: 'Currency',
  order: 'active desc, name',
  companyRule: 'none',
  fields: {
    name: char('Currency', { required: true }),
    symbol: char('Symbol'),
    rounding: { type: 'float', string: 'Rounding Factor' },
    decimal_places: { type: 'integer', string: 'Decimal Places' },
    active: { type: 'boolean', string: 'Active' },
  },
};

export const resUsers: ModelDef = {
  name: 'res.users',
  description: 'User',
  order: 'name, login',
  companyRule: 'none',
  fields: {
    name: char('Name'),
    login: char('Login', { required: true }),
    company_id: m2o('res.company', 'Company'),
    company_ids: { type: 'many2many', relation: 'res.company', string: 'Companies' },
    partner_id: m2o('res.partner', 'Related Partner'),
    tz: char('Timezone'),
    active: { type: 'boolean', string: 'Active' },
  },
};
