import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_EXIT, runContract } from '../../src/contract/contract-cli';
import { ContractService } from '../../src/contract/contract.service';
import type { ContractReport } from '../../src/contract/contract.types';
import { DepotEntity } from '../../src/invoices/entities/depot.entity';
import { sandboxAppEnv, sandboxDepots } from '../../src/sandbox/app-env';
import { runContractOnSandboxes } from '../../src/sandbox/contract-main';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { startUrcoopaSandbox, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { startTestApp, TEST_API_KEY, testEnv, type TestApp } from '../helpers/app';

let urcoopa: UrcoopaSandbox;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  urcoopa = await startUrcoopaSandbox();
});
afterEach(async () => {
  while (opened.length) await opened.pop()?.close();
});
afterAll(() => urcoopa.close());

async function appOn(odoo: OdooSandbox, extra: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp(testEnv({ ...sandboxAppEnv(urcoopa, odoo), ...extra }));
  opened.push(app);
  await app.app.get(DataSource).getRepository(DepotEntity).upsert(sandboxDepots(), ['code_urcoopa']);
  return app;
}

async function odooSandbox(options: Parameters<typeof startOdooSandbox>[0] = {}): Promise<OdooSandbox> {
  const sb = await startOdooSandbox(options);
  opened.push(sb);
  return sb;
}

const failing = (r: ContractReport) => r.points.filter((p) => !p.ok);

describe('pre-flight check (npm run contract)', () => {
  it('passes every point on a ready Odoo, and writes nothing', async () => {
    const odoo = await odooSandbox({ withoutPurchaseJournal: [] });
    const app = await appOn(odoo);
    odoo.calls.reset();
    const report = await app.app.get(ContractService).check();
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const names = report.points.map((p) => p.name);
    for (const expected of [
      'Odoo version 17.0',
      'API user authenticates',
      'Modules account, purchase, stock installed',
      'URCOOPA partner',
      'SICALAIT company',
      'Purchase journal of MAGASIN SICALAIT LE PORT',
      'Purchase tax 2.1 % of MAGASIN SICALAIT LE PORT',
      'Sale tax 2.1 % of SICALAIT',
      'Analytic account 922',
      'Unit t',
      'Line-900 service products',
      'Rights: read purchase orders',
      'Rights: create and read journal entries in SDPMA',
      'Odoo clock',
      'Business time zone',
      'Urcoopa operation Push_Commandes(xCleAPI, jCommande)',
      'Urcoopa key accepted',
    ]) {
      expect(names).toContain(expected);
    }
    const methods = new Set(odoo.calls.entries.map((e) => e.method));
    for (const m of methods) {
      expect([
        'version',
        'authenticate',
        'search_read',
        'read',
        'search',
        'check_access_rights',
        'check_access_rule',
      ]).toContain(m);
    }
  });

  it('names the store without a purchase journal, with the fix', async () => {
    const odoo = await odooSandbox();
    const app = await appOn(odoo);
    const report = await app.app.get(ContractService).check();
    expect(failing(report)).toEqual([
      {
        area: 'odoo',
        name: 'Purchase journal of MAGASIN SICALAIT SAINT-BENOIT',
        ok: false,
        detail: 'none',
        fix: 'create a journal of type Purchase in MAGASIN SICALAIT SAINT-BENOIT (Accounting › Configuration › Journals): its store bills go there',
      },
    ]);
  });

  it('reports missing rights, a wrong time zone and a skewed clock without writing', async () => {
    const odoo = await odooSandbox({
      withoutPurchaseJournal: [],
      now: () => new Date(Date.now() + 10 * 60_000),
      users: [
        {
          id: 7,
          login: 'limited@sicalait.example',
          password: 'limited-password',
          tz: 'Europe/Paris',
          companyIds: [19, 21, 22, 23, 24],
          denied: { 'account.move': ['create'], 'purchase.order': ['read'] },
        },
      ],
    });
    const app = await appOn(odoo, {
      USERNAME_ODOO: 'limited@sicalait.example',
      PASSWORD_ODOO: 'limited-password',
    });
    const report = await app.app.get(ContractService).check();
    const byName = new Map(failing(report).map((p) => [p.name, p]));
    expect(byName.get('Rights: read purchase orders')?.detail).toBe('refused');
    expect(byName.get('Rights: create and read journal entries in MAGASIN SICALAIT LE PORT')?.detail).toBe(
      'refused: create',
    );
    // SDPMA (56) is in sic_depot but not among this user's companies.
    expect(byName.get('Store company 56 (sic_depot 5052 SDPMA BRAS-PANON)')?.fix).toMatch(
      /allowed companies/,
    );
    expect(byName.get('Business time zone')).toMatchObject({
      detail: 'ours Indian/Reunion, the API user’s in Odoo Europe/Paris',
    });
    // Ten minutes ahead, give or take the Date header's one-second resolution.
    const skew = Number(/difference (-?\d+) s/.exec(byName.get('Odoo clock')?.detail ?? '')?.[1]);
    expect(Math.abs(skew - 600)).toBeLessThanOrEqual(2);
    expect(report.ok).toBe(false);
  });

  it('stops at authentication with the fix, and checks the Urcoopa key', async () => {
    const odoo = await odooSandbox({ withoutPurchaseJournal: [] });
    const app = await appOn(odoo, { PASSWORD_ODOO: 'wrong-password', API_KEY_URCOOPA: 'wrong-key' });
    const report = await app.app.get(ContractService).check();
    expect(failing(report).map((p) => [p.name, p.fix])).toEqual([
      [
        'API user authenticates',
        'check DB_ODOO, USERNAME_ODOO and PASSWORD_ODOO (an API key of that user works as password)',
      ],
      ['Urcoopa key accepted', 'set API_KEY_URCOOPA to the key Urcoopa gave Sicalait'],
    ]);
  });

  it('GET /api/contract needs the API key and shows no secret', async () => {
    const odoo = await odooSandbox({ withoutPurchaseJournal: [] });
    const app = await appOn(odoo);
    await app.http.get('/api/contract').expect(401);
    const res = await app.http.get('/api/contract').set('X-API-Key', TEST_API_KEY).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.odoo).toBe(odoo.url);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(odoo.password);
    expect(text).not.toContain(urcoopa.apiKey);
  });

  it('npm run contract:sandbox prints one line per point and exits 0; a ✗ exits 1', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await runContractOnSandboxes(io)).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines.filter((l) => l.startsWith('✓ ')).length).toBeGreaterThan(40);
    expect(lines.at(-1)).toMatch(/^All \d+ points pass\.$/);
    out.length = 0;
    expect(await runContractOnSandboxes(io, { withoutPurchaseJournal: [24] })).toBe(1);
    expect(out.join('\n')).toContain(
      '✗ [odoo] Purchase journal of MAGASIN SICALAIT SAINT-BENOIT: none\n    fix: create a journal of type Purchase',
    );
  });

  it('npm run contract exits 78 on a bad configuration, naming the variables', async () => {
    const err: string[] = [];
    const code = await runContract(
      { NODE_ENV: 'production' },
      { out: () => undefined, err: (t) => err.push(t) },
    );
    expect(code).toBe(CONTRACT_EXIT.config);
    expect(err.join('\n')).toMatch(/URL_ODOO/);
  });
});
