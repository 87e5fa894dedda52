import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { failure, lastLine, odooClient, type TestOdooClient } from './odoo-client';

let sb: OdooSandbox;
let c: TestOdooClient;

beforeAll(async () => {
  sb = await startOdooSandbox();
  c = odooClient(sb);
});
afterAll(() => sb.close());

describe('common endpoint', () => {
  it('answers version like Odoo 17', async () => {
    expect(await c.common('version', [])).toEqual({
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
  });

  it('authenticates to the uid, or false on a bad login', async () => {
    expect(await c.common('authenticate', [sb.db, sb.login, sb.password, {}])).toBe(sb.uid);
    expect(await c.common('authenticate', [sb.db, sb.login, 'wrong', {}])).toBe(false);
    expect(await c.common('authenticate', [sb.db, 'nobody@example', sb.password, {}])).toBe(false);
  });

  it('faults on an unknown database', async () => {
    const f = await failure(c.common('authenticate', ['nope', sb.login, sb.password, {}]));
    expect(f.faultCode).toBe(1);
    expect(lastLine(f.faultString)).toMatch(/^psycopg2\.OperationalError: .*database "nope" does not exist$/);
  });
});

describe('object endpoint: authentication and errors', () => {
  it('answers Access Denied (3) for a wrong password', async () => {
    const f = await failure(
      c.object('execute_kw', [sb.db, sb.uid, 'bad', 'res.partner', 'search', [[]], {}]),
    );
    expect(f).toMatchObject({ faultCode: 3, faultString: 'Access Denied' });
  });

  it('unknown model → 2, private method → 4, unknown method → 1', async () => {
    expect(await failure(c.x('no.such.model', 'search', [[]]))).toMatchObject({
      faultCode: 2,
      faultString: "Object no.such.model doesn't exist",
    });
    expect(await failure(c.x('res.partner', '_search', [[]]))).toMatchObject({
      faultCode: 4,
      faultString: 'Private methods (such as _search) cannot be called remotely.',
    });
    const f = await failure(c.x('res.partner', 'frobnicate', [[]]));
    expect(f.faultCode).toBe(1);
    expect(f.faultString).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(lastLine(f.faultString)).toBe(
      "AttributeError: The method 'frobnicate' does not exist on the model 'res.partner'",
    );
  });

  it('unknown field in values, fields and domain → 1 with a ValueError', async () => {
    const inValues = await failure(c.x('res.partner', 'create', [{ name: 'X', x: 1 }]));
    expect(inValues.faultCode).toBe(1);
    expect(lastLine(inValues.faultString)).toBe("ValueError: Invalid field 'x' on model 'res.partner'");
    const inFields = await failure(c.x('res.partner', 'read', [[URCOOPA_PARTNER_ID], ['x']]));
    expect(lastLine(inFields.faultString)).toBe("ValueError: Invalid field 'x' on model 'res.partner'");
    const inDomain = await failure(c.x('res.partner', 'search', [[['x', '=', 'y']]]));
    expect(lastLine(inDomain.faultString)).toBe(
      "ValueError: Invalid field res.partner.x in leaf ('x', '=', 'y')",
    );
    const inOrder = await failure(c.x('res.partner', 'search', [[]], { order: 'x desc' }));
    expect(lastLine(inOrder.faultString)).toBe("ValueError: Invalid field 'x' on model 'res.partner'");
  });

  it('bad selection value → 1, missing mandatory field → 2', async () => {
    const sel = await failure(c.x('account.move', 'create', [{ move_type: 'bogus' }]));
    expect(sel.faultCode).toBe(1);
    expect(lastLine(sel.faultString)).toBe("ValueError: Wrong value for account.move.move_type: 'bogus'");
    const mandatory = await failure(c.x('purchase.order', 'create', [{ partner_ref: 'no vendor' }]));
    expect(mandatory.faultCode).toBe(2);
    expect(mandatory.faultString).toBe(
      'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
        '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
        'Model: Purchase Order (purchase.order)\nField: Vendor (partner_id)\n',
    );
  });

  it('rejects an XML-RPC dateTime for a date field', async () => {
    const f = await failure(
      c.x('account.move', 'create', [{ move_type: 'in_invoice', invoice_date: new Date() }]),
    );
    expect(f.faultCode).toBe(1);
    expect(lastLine(f.faultString)).toBe("TypeError: 'DateTime' object is not subscriptable");
  });

  it('binds kwargs like Python: an unexpected keyword is a TypeError', async () => {
    const f = await failure(c.x('res.partner', 'search_read', [[]], { bogus: 1 }));
    expect(lastLine(f.faultString)).toBe(
      "TypeError: BaseModel.search_read() got an unexpected keyword argument 'bogus'",
    );
  });
});

describe('CRUD answers', () => {
  it('create: one dict → id, a list → ids; write → true; read of a missing id → []', async () => {
    const id = await c.x('res.partner', 'create', [{ name: 'Solo' }]);
    expect(typeof id).toBe('number');
    const ids = await c.x('res.partner', 'create', [[{ name: 'A' }, { name: 'B' }]]);
    expect(ids).toEqual([expect.any(Number), expect.any(Number)]);
    expect(await c.x('res.partner', 'write', [[id], { ref: 'R1' }])).toBe(true);
    expect(await c.x('res.partner', 'read', [[id], ['ref']])).toEqual([{ id, ref: 'R1' }]);
    expect(await c.x('res.partner', 'read', [[999999], ['name']])).toEqual([]);
    expect(await c.x('res.partner', 'unlink', [[id]])).toBe(true);
    expect(await c.x('res.partner', 'search_count', [[['id', '=', id]]])).toBe(0);
  });

  it('gives false for empty values, [id, name] for many2one, ids for x2many', async () => {
    const [p] = (await c.x('res.partner', 'search_read', [[['ref', '=', 'AD1873']]], {
      fields: ['email', 'phone', 'category_id', 'company_id', 'parent_id', 'supplier_rank'],
    })) as Record<string, unknown>[];
    expect(p).toMatchObject({
      phone: false,
      parent_id: false,
      company_id: false,
      category_id: [ODOO_SEED.adherentCategoryId],
    });
    const [po] = (await c.x('purchase.order', 'search_read', [[['name', '=', 'P0005651']]], {
      fields: ['partner_id', 'company_id', 'order_line', 'date_order', 'amount_total'],
    })) as Record<string, unknown>[];
    expect(po.company_id).toEqual([21, 'MAGASIN SICALAIT LE PORT']);
    expect(po.partner_id).toEqual([expect.any(Number), expect.any(String)]);
    expect(po.order_line).toHaveLength(3);
    expect(po.date_order).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('never sends <nil/>: null-free answers, floats as doubles', async () => {
    const res = await fetch(`${sb.url}/xmlrpc/2/object`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body:
        `<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params>` +
        `<param><value><string>${sb.db}</string></value></param><param><value><int>${sb.uid}</int></value></param>` +
        `<param><value><string>${sb.password}</string></value></param><param><value><string>product.supplierinfo</string></value></param>` +
        `<param><value><string>search_read</string></value></param><param><value><array><data><value><array><data/></array></value></data></array></value></param>` +
        `<param><value><struct><member><name>fields</name><value><array><data><value><string>price</string></value></data></array></value></member>` +
        `<member><name>limit</name><value><int>1</int></value></member></struct></value></param></params></methodCall>`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const text = await res.text();
    expect(text).not.toContain('<nil');
    expect(text).toMatch(/<double>\d+\.\d+<\/double>/);
  });

  it('search_read honours domains, limit, offset and order', async () => {
    const names = (await c.x(
      'res.partner',
      'search_read',
      [[['category_id', 'in', [ODOO_SEED.adherentCategoryId]]]],
      {
        fields: ['name'],
        order: 'name desc',
        limit: 3,
        offset: 1,
      },
    )) as { name: string }[];
    expect(names).toHaveLength(3);
    const all = (await c.x(
      'res.partner',
      'search_read',
      [[['category_id', 'in', [ODOO_SEED.adherentCategoryId]]]],
      {
        fields: ['name'],
        order: 'name desc',
      },
    )) as { name: string }[];
    expect(names.map((n) => n.name)).toEqual(all.slice(1, 4).map((n) => n.name));
    expect(all.map((n) => n.name)).toEqual(
      [...all.map((n) => n.name)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1)),
    );
    // The archived homonym is only found when asked for.
    expect(await c.x('res.partner', 'search_count', [[['name', '=', 'EARL des Tamarins']]])).toBe(1);
    expect(
      await c.x('res.partner', 'search_count', [
        [
          ['name', '=', 'EARL des Tamarins'],
          ['active', 'in', [true, false]],
        ],
      ]),
    ).toBe(2);
    // Dotted paths through many2one and one2many.
    const tmpl = await c.x(
      'product.product',
      'search_read',
      [
        [
          ['product_tmpl_id.seller_ids.product_code', '=', '31040N25AA'],
          ['product_tmpl_id.seller_ids.partner_id', '=', URCOOPA_PARTNER_ID],
        ],
      ],
      { fields: ['name', 'uom_id'] },
    );
    expect(tmpl).toEqual([
      { id: expect.any(Number), name: 'Mais grain nettoye 25kg', uom_id: [ODOO_SEED.uom.unitsId, 'Units'] },
    ]);
    const shared = await c.x('product.supplierinfo', 'search_count', [[['product_code', '=', '32010N40AB']]]);
    expect(shared).toBe(2);
  });
});
