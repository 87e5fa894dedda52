import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_API_KEY } from '../helpers/app';
import { movesByRef, sandboxIds, seedInvoice } from '../helpers/invoice-seed';
import { MEMBER_INVOICES } from '../helpers/member-invoices';
import { describeDialects } from '../helpers/dialects';
import { startOdooSyncHarness, type OdooSyncHarness } from '../helpers/odoo-sync-harness';

describeDialects('member injection settings: INJECT_ONLY_VALIDATED and ODOO_POST_MOVES', (dialect) => {
  let h: OdooSyncHarness;
  const get = (path: string) => h.app.http.get(path).set('X-API-Key', TEST_API_KEY);

  beforeAll(async () => {
    h = await startOdooSyncHarness({
      dialect,
      env: { INJECT_ONLY_VALIDATED: 'true', ODOO_POST_MOVES: 'true' },
    });
    const ids = sandboxIds(h.odoo);
    const orge = ids.product('31055N25AA');
    const invoice = MEMBER_INVOICES[1];
    const base = {
      ...invoice,
      matched: true,
      clientId: ids.partnerByRef('AD1402'),
      clientLabel: 'CLIENT : AD1402',
    };
    const lines = invoice.lines.map((l) => ({ ...l, productId: orge }));
    await seedInvoice(h.db, { ...base, numero: '251300001', type: 'F', validated: true, lines });
    await seedInvoice(h.db, { ...base, numero: '251300002', type: 'F', validated: false, lines });
  });
  afterAll(() => h?.close());

  it('injects only validated invoices, and posts both moves', async () => {
    const res = await get('/api/injection-dans-odoo-donnees-adherent');
    expect(res.status).toBe(200);
    const moves = movesByRef(h.odoo, '251300001');
    expect(moves.map((m) => [m.move_type, m.state]).sort()).toEqual([
      ['in_invoice', 'posted'],
      ['out_invoice', 'posted'],
    ]);
    expect(moves.every((m) => typeof m.name === 'string' && m.name !== '/')).toBe(true);
    expect(movesByRef(h.odoo, '251300002')).toHaveLength(0);
    const skipped = (res.body.result.invoices as Array<{ numero: string; notSent: string[] }>).find(
      (i) => i.numero === '251300002',
    )!;
    expect(skipped.notSent.join()).toMatch(/non validée/);
  });
});
