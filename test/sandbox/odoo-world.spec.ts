import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { generateWorld } from '../../src/sandbox/world/world';
import type { World } from '../../src/sandbox/world/world.types';
import { odooClient } from './odoo-client';

let sb: OdooSandbox;
let world: World;

beforeAll(async () => {
  world = generateWorld({ purchaseOrders: 40 });
  sb = await startOdooSandbox({ world });
});
afterAll(() => sb.close());

describe('Odoo sandbox seeded from a generated world', () => {
  it('has every purchase order in the state and billing status the world describes', async () => {
    const rows = (await odooClient(sb).x(
      'purchase.order',
      'search_read',
      [[['name', 'in', world.purchaseOrders.map((p) => p.name)]]],
      {
        fields: ['name', 'state', 'invoice_status', 'company_id', 'partner_ref', 'date_order'],
      },
    )) as Record<string, unknown>[];
    expect(rows).toHaveLength(world.purchaseOrders.length);
    for (const po of world.purchaseOrders) {
      const row = rows.find((r) => r.name === po.name);
      expect(row, po.name).toMatchObject({
        state: po.state,
        invoice_status: po.invoiceStatus,
        company_id: [po.companyId, expect.any(String)],
        partner_ref: po.partnerRef ?? false,
        date_order: po.dateOrder,
      });
    }
  });
});
