import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { failure, lastLine, odooClient, type TestOdooClient } from './odoo-client';

/*
 * One scenario, written once, of the calls our code and the demo make, with the answers Odoo 17.0
 * gives. Each expectation names where it comes from: the 17.0 source (paths relative to the odoo
 * repository) or its documentation (External API, https://www.odoo.com/documentation/17.0/
 * developer/reference/external_api.html). The search index holds only master for most of these
 * files; where 17.0 differs from master, the 17.0 behaviour is written and the comment says so.
 * Steps run in order and depend on each other, like the replayed scenario of the issue.
 */

let sb: OdooSandbox;
let c: TestOdooClient;
const STORE_A = 21;
const STORE_B = 22;
const ctx = (...companies: number[]) => ({ context: { allowed_company_ids: companies } });
const RULE = (op: string, description: string, model: string) =>
  // odoo/addons/base/models/ir_rule.py, _make_access_error (17.0, user without debug mode).
  'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
  `Sorry, API Sicalait (id=${ODOO_SEED.apiUid}) doesn't have '${op}' access to:\n` +
  `- ${description} (${model})\n\n` +
  'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';

const state: {
  productId?: number;
  templateId?: number;
  purchaseTaxA?: number;
  bills: Record<number, number>;
} = { bills: {} };

beforeAll(async () => {
  sb = await startOdooSandbox();
  c = odooClient(sb);
});
afterAll(() => sb.close());

describe('Odoo 17 fidelity scenario', () => {
  it('1. version and login', async () => {
    // odoo/service/common.py exp_version + odoo/release.py (17.0: version_info (17, 0, 0, FINAL, 0, '')).
    const v = (await c.common('version', [])) as Record<string, unknown>;
    expect(v.server_version).toBe('17.0');
    expect(v.server_serie).toBe('17.0');
    expect(v.protocol_version).toBe(1);
    // External API docs: authenticate returns the uid, False on bad credentials.
    expect(await c.common('authenticate', [sb.db, sb.login, sb.password, {}])).toBe(sb.uid);
  });

  it('2. modules account, purchase and stock are installed', async () => {
    // odoo/addons/base/models/ir_module.py: ir.module.module, state 'installed'.
    const rows = (await c.x(
      'ir.module.module',
      'search_read',
      [[['name', 'in', ['account', 'purchase', 'stock']]]],
      {
        fields: ['name', 'state'],
      },
    )) as { name: string; state: string }[];
    expect(rows.map((r) => [r.name, r.state]).sort()).toEqual([
      ['account', 'installed'],
      ['purchase', 'installed'],
      ['stock', 'installed'],
    ]);
  });

  it('3. product.product create takes the template fields every Odoo 17 product has', async () => {
    // addons/product/models/product_product.py: _inherits = {'product.template': 'product_tmpl_id'},
    // so purchase_ok, sale_ok, detailed_type, uom_po_id… (product_template.py 17.0) are accepted
    // on the variant and written to a new template (odoo/models.py create, "inherited" values).
    state.productId = (await c.x('product.product', 'create', [
      {
        name: 'Aliment fidélité 25kg',
        default_code: 'FID-25',
        purchase_ok: true,
        sale_ok: false,
        detailed_type: 'product',
        uom_id: ODOO_SEED.uom.unitsId,
        uom_po_id: ODOO_SEED.uom.unitsId,
        list_price: 20,
        standard_price: 15.2,
        weight: 25,
        description_purchase: 'Sac de 25 kg',
      },
    ])) as number;
    expect(state.productId).toEqual(expect.any(Number));
    const [p] = (await c.x('product.product', 'read', [
      [state.productId],
      [
        'purchase_ok',
        'sale_ok',
        'detailed_type',
        'type',
        'categ_id',
        'product_tmpl_id',
        'uom_po_id',
        'lst_price',
      ],
    ])) as Record<string, unknown>[];
    // 17.0 product_template.py: type follows detailed_type (_compute_type), categ_id defaults to
    // "All" (_get_default_category_id), lst_price = list_price + price_extra (product_product.py).
    expect(p).toMatchObject({
      purchase_ok: true,
      sale_ok: false,
      detailed_type: 'product',
      type: 'product',
      categ_id: [1, 'All'],
      uom_po_id: [ODOO_SEED.uom.unitsId, 'Units'],
      lst_price: 20,
    });
    state.templateId = (p.product_tmpl_id as [number, string])[0];
    // odoo/models.py default_get: inherited fields take the parent model's defaults.
    expect(
      await c.x('product.product', 'default_get', [['purchase_ok', 'sale_ok', 'detailed_type', 'active']]),
    ).toEqual({ purchase_ok: true, sale_ok: true, detailed_type: 'consu', active: true });
  });

  it('4. the template carries the values, with the purchase and stock defaults', async () => {
    const [t] = (await c.x('product.template', 'read', [
      [state.templateId],
      [
        'name',
        'default_code',
        'purchase_ok',
        'purchase_method',
        'purchase_line_warn',
        'tracking',
        'product_variant_ids',
      ],
    ])) as Record<string, unknown>[];
    // addons/purchase/models/product.py 17.0: purchase_method default 'receive' for goods
    // (_compute_purchase_method), purchase_line_warn default 'no-message';
    // addons/stock/models/product.py 17.0: tracking default 'none'.
    expect(t).toMatchObject({
      name: 'Aliment fidélité 25kg',
      default_code: 'FID-25',
      purchase_ok: true,
      purchase_method: 'receive',
      purchase_line_warn: 'no-message',
      tracking: 'none',
      product_variant_ids: [state.productId],
    });
    // product.product searches on template fields (_inherits makes them searchable).
    expect(
      await c.x('product.product', 'search', [
        [
          ['purchase_ok', '=', true],
          ['default_code', '=', 'FID-25'],
        ],
      ]),
    ).toEqual([state.productId]);
  });

  it('5. writing a template field through the variant, and a supplier info on the template', async () => {
    expect(await c.x('product.product', 'write', [[state.productId], { purchase_ok: false }])).toBe(true);
    const [t] = (await c.x('product.template', 'read', [[state.templateId], ['purchase_ok']])) as Record<
      string,
      unknown
    >[];
    expect(t.purchase_ok).toBe(false);
    await c.x('product.product', 'write', [[state.productId], { purchase_ok: true }]);
    // addons/product/models/product_supplierinfo.py 17.0: partner_id required, product_tmpl_id.
    const info = await c.x('product.supplierinfo', 'create', [
      {
        partner_id: URCOOPA_PARTNER_ID,
        product_tmpl_id: state.templateId,
        product_code: 'FID25',
        price: 15.2,
      },
    ]);
    expect(info).toEqual(expect.any(Number));
  });

  it('6. unknown fields, wrong types and missing required values fail as Odoo 17 fails', async () => {
    // odoo/models.py create (17.0): raise ValueError("Invalid field %r on model %r" % (key, self._name)).
    const unknown = await failure(c.x('product.product', 'create', [{ name: 'X', x_not_a_field: 1 }]));
    expect(unknown.faultCode).toBe(1);
    expect(lastLine(unknown.faultString)).toBe(
      "ValueError: Invalid field 'x_not_a_field' on model 'product.product'",
    );
    // odoo/fields.py Many2one.convert_to_cache: ValueError("Wrong value for %s: %r" % (self, value)),
    // the field being the template's (the value is written to the inherited record).
    const wrong = await failure(c.x('product.product', 'create', [{ name: 'X', uom_id: 'kg' }]));
    expect(lastLine(wrong.faultString)).toBe("ValueError: Wrong value for product.template.uom_id: 'kg'");
    // odoo/fields.py Selection.convert_to_cache: ValueError("Wrong value for %s: %r").
    const sel = await failure(c.x('product.product', 'create', [{ name: 'X', detailed_type: 'combo' }]));
    expect(lastLine(sel.faultString)).toBe(
      "ValueError: Wrong value for product.template.detailed_type: 'combo'",
    );
    // odoo/service/model.py _as_validation_error (NOT NULL violation), ValidationError → fault 2.
    const missing = await failure(c.x('product.product', 'create', [{ default_code: 'NONAME' }]));
    expect(missing).toMatchObject({
      faultCode: 2,
      faultString:
        'The operation cannot be completed:\n' +
        '- Create/update: a mandatory field is not set.\n' +
        '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
        'Model: Product (product.template)\nField: Name (name)\n',
    });
    // addons/product/models/product_template.py 17.0 _check_uom (ValidationError → fault 2).
    const uom = await failure(
      c.x('product.product', 'create', [
        { name: 'X', uom_id: ODOO_SEED.uom.kgId, uom_po_id: ODOO_SEED.uom.unitsId },
      ]),
    );
    expect(uom).toMatchObject({
      faultCode: 2,
      faultString:
        'The default Unit of Measure and the purchase Unit of Measure must be in the same category.',
    });
  });

  it('7. a bill with a product line in each company, created under that company’s context', async () => {
    // odoo/models.py / odoo/api.py 17.0: env.company is the first of allowed_company_ids; the move's
    // company follows its journal, found in env.company (account_move.py _search_default_journal).
    const taxes = (await c.x(
      'account.tax',
      'search_read',
      [
        [
          ['type_tax_use', '=', 'purchase'],
          ['amount', '=', 2.1],
        ],
      ],
      {
        fields: ['company_id'],
        ...ctx(STORE_A),
      },
    )) as { id: number; company_id: [number, string] }[];
    state.purchaseTaxA = taxes[0].id;
    expect(taxes.every((t) => t.company_id[0] === STORE_A)).toBe(true);
    const bill = (ref: string, tax?: number) => ({
      move_type: 'in_invoice',
      partner_id: URCOOPA_PARTNER_ID,
      invoice_date: '2026-11-30',
      ref,
      invoice_line_ids: [
        [
          0,
          0,
          {
            product_id: state.productId,
            quantity: 4,
            price_unit: 15.2,
            ...(tax ? { tax_ids: [[6, 0, [tax]]] } : {}),
          },
        ],
      ],
    });
    state.bills[SICALAIT_COMPANY_ID] = (await c.x('account.move', 'create', [bill('FID-19')])) as number;
    state.bills[STORE_A] = (await c.x(
      'account.move',
      'create',
      [bill('FID-21', state.purchaseTaxA)],
      ctx(STORE_A),
    )) as number;
    state.bills[STORE_B] = (await c.x(
      'account.move',
      'create',
      [bill('FID-22')],
      ctx(STORE_B, STORE_A),
    )) as number;
    const rows = (await c.x('account.move', 'read', [
      Object.values(state.bills),
      ['company_id', 'amount_total'],
    ])) as {
      id: number;
      company_id: [number, string];
      amount_total: number;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(state.bills[SICALAIT_COMPANY_ID])?.company_id[0]).toBe(SICALAIT_COMPANY_ID);
    expect(byId.get(state.bills[STORE_A])?.company_id[0]).toBe(STORE_A);
    expect(byId.get(state.bills[STORE_B])?.company_id[0]).toBe(STORE_B);
    // 4 × 15.20 = 60.80, + 2.1 % = 1.28 (addons/account/models/account_tax.py, rounded per company).
    expect(byId.get(state.bills[STORE_A])?.amount_total).toBe(62.08);
  });

  it('8. allowed_company_ids decides what search_count, search_read and read see', async () => {
    const fid = [['ref', '=like', 'FID-%']];
    // odoo/addons/base/models/ir_rule.py _compute_domain: company_ids = env.companies.ids
    // (allowed_company_ids); addons/account/security/account_security.xml account_move_comp_rule
    // [('company_id', 'in', company_ids)].
    expect(await c.x('account.move', 'search_count', [fid], ctx(SICALAIT_COMPANY_ID, STORE_A, STORE_B))).toBe(
      3,
    );
    expect(await c.x('account.move', 'search_count', [fid], ctx(STORE_A, STORE_B))).toBe(2);
    expect(await c.x('account.move', 'search_count', [fid], ctx(STORE_A))).toBe(1);
    // Without context, env.companies is every company of the user (res.users company_ids).
    expect(await c.x('account.move', 'search_count', [fid])).toBe(3);
    const rows = (await c.x('account.move', 'search_read', [fid], { fields: ['ref'], ...ctx(STORE_B) })) as {
      ref: string;
    }[];
    expect(rows.map((r) => r.ref)).toEqual(['FID-22']);
    // odoo/models.py _check_access / ir.rule: a record outside the allowed companies → AccessError (4).
    expect(
      await failure(c.x('account.move', 'read', [[state.bills[STORE_B]], ['ref']], ctx(STORE_A))),
    ).toMatchObject({
      faultCode: 4,
      faultString: RULE('read', 'Journal Entry', 'account.move'),
    });
    expect(
      await failure(c.x('account.move', 'write', [[state.bills[STORE_B]], { ref: 'X' }], ctx(STORE_A))),
    ).toMatchObject({ faultCode: 4, faultString: RULE('write', 'Journal Entry', 'account.move') });
  });

  it('9. a company outside the context or outside the user is refused', async () => {
    // odoo/api.py Environment.companies (17.0): AccessError("Access to unauthorized or invalid companies.").
    expect(
      await failure(c.x('account.move', 'search_count', [[]], ctx(ODOO_SEED.unauthorizedCompany.id))),
    ).toMatchObject({ faultCode: 4, faultString: 'Access to unauthorized or invalid companies.' });
    // ir.rule on create: company_id outside allowed_company_ids.
    expect(
      await failure(
        c.x(
          'account.move',
          'create',
          [{ move_type: 'in_invoice', partner_id: URCOOPA_PARTNER_ID, company_id: STORE_B }],
          ctx(STORE_A),
        ),
      ),
    ).toMatchObject({ faultCode: 4, faultString: RULE('create', 'Journal Entry', 'account.move') });
  });

  it('10. rights are checked without writing: check_access_rights and check_access_rule', async () => {
    // odoo/models.py 17.0 check_access_rights(operation, raise_exception=True) → True.
    expect(await c.x('account.move', 'check_access_rights', ['create'], ctx(STORE_A))).toBe(true);
    expect(await c.x('purchase.order', 'check_access_rights', ['read'])).toBe(true);
    // check_access_rule returns None: over XML-RPC (allow_none=False) the answer cannot be marshalled
    // (odoo/addons/base/controllers/rpc.py dumps) — a TypeError fault means the check passed.
    const ok = await failure(
      c.x('account.move', 'check_access_rule', [[state.bills[STORE_A]], 'write'], ctx(STORE_A)),
    );
    expect(lastLine(ok.faultString)).toBe('TypeError: cannot marshal None unless allow_none is enabled');
    const refused = await failure(
      c.x('account.move', 'check_access_rule', [[state.bills[STORE_B]], 'write'], ctx(STORE_A)),
    );
    expect(refused).toMatchObject({
      faultCode: 4,
      faultString: RULE('write', 'Journal Entry', 'account.move'),
    });
    // An unknown mode: assert operation in ('read', 'write', 'create', 'unlink'), 'Invalid access mode'.
    const bad = await failure(c.x('account.move', 'check_access_rights', ['post']));
    expect(lastLine(bad.faultString)).toBe('AssertionError: Invalid access mode');
  });

  it('11. reference data: accounts, countries, payment terms, the user’s time zone', async () => {
    // addons/account/models/account_account.py: one company per account (17.0), company rule.
    const accounts = (await c.x('account.account', 'search_read', [[['code', '=', '401100']]], {
      fields: ['company_id', 'account_type'],
      ...ctx(STORE_A),
    })) as { company_id: [number, string]; account_type: string }[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      company_id: [STORE_A, 'MAGASIN SICALAIT LE PORT'],
      account_type: 'liability_payable',
    });
    expect(await c.x('res.country', 'search_count', [[['code', '=', 'RE']]])).toBe(1);
    expect(await c.x('account.payment.term', 'search_count', [[]])).toBeGreaterThan(0);
    // odoo/addons/base/models/res_users.py: tz is a selection of pytz zones; Sicalait's is Indian/Reunion.
    const [user] = (await c.x('res.users', 'read', [[sb.uid], ['tz', 'company_ids']])) as Record<
      string,
      unknown
    >[];
    expect(user.tz).toBe('Indian/Reunion');
  });

  it('12. a vendor as a new user creates it, and the lines’ accounts and picking types', async () => {
    // odoo/addons/base/models/res_partner.py 17.0: country_id, street2, lang (selection of the
    // installed languages); addons/account/models/partner.py: property_supplier_payment_term_id.
    const vendor = await c.x('res.partner', 'create', [
      {
        name: 'Nouveau fournisseur',
        is_company: true,
        street2: 'ZI n°2',
        country_id: 184,
        lang: 'fr_FR',
        property_supplier_payment_term_id: 4,
      },
    ]);
    const [v] = (await c.x('res.partner', 'read', [
      [vendor],
      ['country_id', 'commercial_partner_id'],
    ])) as Record<string, unknown>[];
    expect(v).toMatchObject({
      country_id: [184, 'Réunion'],
      commercial_partner_id: [vendor, 'Nouveau fournisseur'],
    });
    // fields.Selection.convert_to_cache: ValueError("Wrong value for res.partner.lang: 'xx_XX'").
    const lang = await failure(c.x('res.partner', 'create', [{ name: 'X', lang: 'xx_XX' }]));
    expect(lastLine(lang.faultString)).toBe("ValueError: Wrong value for res.partner.lang: 'xx_XX'");
    // addons/account/models/account_move_line.py 17.0 _compute_account_id: a product line gets the
    // expense account of the bill's company.
    const lines = (await c.x(
      'account.move.line',
      'search_read',
      [
        [
          ['move_id', '=', state.bills[STORE_A]],
          ['display_type', '=', 'product'],
        ],
      ],
      {
        fields: ['account_id', 'company_id'],
        ...ctx(STORE_A),
      },
    )) as { account_id: [number, string]; company_id: [number, string] }[];
    expect(lines[0].account_id[1]).toMatch(/^601000 /);
    // addons/stock/models/stock_picking.py 17.0 PickingType._compute_display_name: "<warehouse>: <name>".
    const [type] = (await c.x('stock.picking.type', 'search_read', [[['code', '=', 'incoming']]], {
      fields: ['display_name', 'warehouse_id'],
      limit: 1,
      ...ctx(STORE_A),
    })) as { display_name: string; warehouse_id: [number, string] }[];
    expect(type.display_name).toBe('MAGASIN SICALAIT LE PORT: Réceptions');
  });
});
