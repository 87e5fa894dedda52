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
    mobile: char('Mobile'),
    website: char('Website Link'),
    function: char('Job Position'),
    street: char('Street'),
    street2: char('Street2'),
    city: char('City'),
    zip: char('Zip'),
    country_id: m2o('res.country', 'Country'),
    vat: char('Tax ID'),
    lang: {
      type: 'selection',
      string: 'Language',
      // The installed languages (res.lang): Sicalait's database has French and English.
      selection: [
        ['en_US', 'English (US)'],
        ['fr_FR', 'French / Français'],
      ],
    },
    tz: char('Timezone'),
    comment: { type: 'html', string: 'Notes' },
    barcode: char('Barcode'),
    commercial_partner_id: m2o('res.partner', 'Commercial Entity', { computed: true }),
    user_id: m2o('res.users', 'Salesperson'),
    // account (17.0 addons/account/models/partner.py): company-dependent properties.
    property_account_payable_id: m2o('account.account', 'Account Payable'),
    property_account_receivable_id: m2o('account.account', 'Account Receivable'),
    property_payment_term_id: m2o('account.payment.term', 'Customer Payment Terms'),
    property_supplier_payment_term_id: m2o('account.payment.term', 'Vendor Payment Terms'),
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
    // 17.0 res_partner.py _compute_commercial_partner: the company partner at the top.
    commercial_partner_id: (orm, rec) => {
      let p = rec;
      while (!p.is_company && typeof p.parent_id === 'number') {
        const parent = orm.get('res.partner', p.parent_id);
        if (!parent) break;
        p = parent;
      }
      return p.id;
    },
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
