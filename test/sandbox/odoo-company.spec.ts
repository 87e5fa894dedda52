import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { failure, odooClient, type TestOdooClient } from './odoo-client';

let sb: OdooSandbox;
let c: TestOdooClient;
const RULE_TEXT = (operation: string, description: string, model: string) =>
  'Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n' +
  `Sorry, API Sicalait (id=${ODOO_SEED.apiUid}) doesn't have '${operation}' access to:\n` +
  `- ${description} (${model})\n\n` +
  'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';

beforeAll(async () => {
  sb = await startOdooSandbox();
  c = odooClient(sb);
});
afterAll(() => sb.close());

const bill = (extra: Record<string, unknown> = {}) => ({
  move_type: 'in_invoice',
  partner_id: URCOOPA_PARTNER_ID,
  invoice_date: '2025-10-14',
  ...extra,
});

describe('multi-company', () => {
  it('puts a new record in the default company without context, else in the first allowed company', async () => {
    const a = await c.x('account.move', 'create', [bill()]);
    const b = await c.x('account.move', 'create', [bill()], {
      context: { allowed_company_ids: [21, SICALAIT_COMPANY_ID] },
    });
    const rows = (await c.x('account.move', 'read', [
      [a, b],
      ['company_id', 'journal_id'],
    ])) as Record<string, unknown>[];
    expect(rows[0].company_id).toEqual([SICALAIT_COMPANY_ID, 'SICALAIT']);
    expect(rows[1].company_id).toEqual([21, 'MAGASIN SICALAIT LE PORT']);
    expect((rows[1].journal_id as [number, string])[1]).toBe('Factures fournisseurs');
  });

  it('searches the allowed companies only, all the user’s companies without context', async () => {
    const all = (await c.x('purchase.order', 'search_read', [[]], { fields: ['company_id'] })) as {
      company_id: [number];
    }[];
    expect(new Set(all.map((p) => p.company_id[0]))).not.toContain(ODOO_SEED.unauthorizedCompany.id);
    expect(all.length).toBeGreaterThan(3);
    const one = (await c.x('purchase.order', 'search_read', [[]], {
      fields: ['company_id'],
      context: { allowed_company_ids: [21] },
    })) as { company_id: [number] }[];
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((p) => p.company_id[0] === 21)).toBe(true);
    // Records without company (partners, products) stay visible.
    expect(
      await c.x('res.partner', 'search_count', [[['id', '=', URCOOPA_PARTNER_ID]]], {
        context: { allowed_company_ids: [21] },
      }),
    ).toBe(1);
  });

  it('refuses an allowed_company_ids entry the user lacks', async () => {
    const f = await failure(
      c.x('res.partner', 'search', [[]], {
        context: { allowed_company_ids: [ODOO_SEED.unauthorizedCompany.id] },
      }),
    );
    expect(f).toMatchObject({ faultCode: 4, faultString: 'Access to unauthorized or invalid companies.' });
  });

  it('refuses a company_id outside the allowed companies with the record-rule text', async () => {
    const f = await failure(
      c.x('account.move', 'create', [bill({ company_id: 22 })], { context: { allowed_company_ids: [21] } }),
    );
    expect(f).toMatchObject({
      faultCode: 4,
      faultString: RULE_TEXT('create', 'Journal Entry', 'account.move'),
    });
    const n = await c.x('account.move', 'search_count', [[['company_id', '=', 22]]]);
    expect(n).toBe(0);
  });

  it('refuses reading or linking a record of a company outside the allowed ones', async () => {
    const read = await failure(c.x('res.partner', 'read', [[ODOO_SEED.foreignPartnerId], ['name']]));
    expect(read).toMatchObject({ faultCode: 4, faultString: RULE_TEXT('read', 'Contact', 'res.partner') });
    const link = await failure(
      c.x('account.move', 'create', [bill({ partner_id: ODOO_SEED.storeOnlyPartnerId })], {
        context: { allowed_company_ids: [22] },
      }),
    );
    expect(link).toMatchObject({ faultCode: 4, faultString: RULE_TEXT('read', 'Contact', 'res.partner') });
  });

  it('refuses linking a record of another allowed company (Odoo _check_company)', async () => {
    const f = await failure(
      c.x('account.move', 'create', [
        bill({ partner_id: ODOO_SEED.storeOnlyPartnerId, company_id: SICALAIT_COMPANY_ID }),
      ]),
    );
    expect(f.faultCode).toBe(2);
    expect(f.faultString).toMatch(
      /^Incompatible companies on records:\n- 'Draft Bill \(\* \d+\)' belongs to company 'SICALAIT' and 'Partner' \(partner_id: 'TRANSPORTS DU PORT'\) belongs to another company\.$/,
    );
  });

  it('needs a purchase journal in the bill’s company', async () => {
    const f = await failure(
      c.x('account.move', 'create', [bill()], { context: { allowed_company_ids: [24] } }),
    );
    expect(f).toMatchObject({
      faultCode: 2,
      faultString:
        'No journal could be found in company MAGASIN SICALAIT SAINT-BENOIT for any of those types: purchase',
    });
  });
});
