import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../src/common/money';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config';
import { OdooCatalogService } from '../../src/odoo/odoo-catalog.service';
import { OdooClient } from '../../src/odoo/odoo.client';
import { OdooErrorCode } from '../../src/odoo/odoo.error';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import {
  ANALYTIC_922_ID,
  COMPANIES,
  MEMBERS,
  PRODUCTS,
  SICALAIT_COMPANY_ID,
  URCOOPA_PARTNER_ID,
} from '../../src/sandbox/world/catalogue';
import { testEnv } from '../helpers/app';

let sandbox: OdooSandbox;
let config: AppConfig;
let odoo: OdooClient;

function catalog(extra: Record<string, string> = {}): OdooCatalogService {
  const c = Object.keys(extra).length ? loadAppConfig({ ...testEnvFor(sandbox), ...extra }) : config;
  return new OdooCatalogService(c, odoo);
}

function testEnvFor(s: OdooSandbox) {
  return testEnv({ URL_ODOO: s.url, DB_ODOO: s.db, USERNAME_ODOO: s.login, PASSWORD_ODOO: s.password });
}

/** Calls the sandbox received while `fn` ran. */
async function callsOf(fn: () => Promise<unknown>): Promise<number> {
  sandbox.calls.reset();
  await fn();
  return sandbox.calls.entries.length;
}

beforeAll(async () => {
  sandbox = await startOdooSandbox();
  config = loadAppConfig(testEnvFor(sandbox));
  odoo = new OdooClient(config);
  await odoo.authenticate();
});

afterAll(async () => {
  odoo.onModuleDestroy();
  await sandbox.close();
});

describe('OdooCatalogService', () => {
  it('finds URCOOPA, SICALAIT and the 922 analytic account by name once, or takes them from config', async () => {
    const cat = catalog();
    expect(await cat.urcoopaPartnerId()).toBe(URCOOPA_PARTNER_ID);
    expect(await cat.sicalaitCompanyId()).toBe(SICALAIT_COMPANY_ID);
    expect(await cat.analyticAccountId()).toBe(ANALYTIC_922_ID);
    expect(
      await callsOf(() =>
        Promise.all([cat.urcoopaPartnerId(), cat.sicalaitCompanyId(), cat.analyticAccountId()]),
      ),
    ).toBe(0);

    const configured = catalog({ ODOO_URCOOPA_PARTNER_ID: '777', ODOO_SICALAIT_COMPANY_ID: '888' });
    expect(await callsOf(() => configured.urcoopaPartnerId())).toBe(0);
    expect(await configured.sicalaitCompanyId()).toBe(888);

    await expect(cat.analyticAccountId('nope')).rejects.toMatchObject({
      code: OdooErrorCode.NotFound,
      message: expect.stringContaining("analytic account 'nope' not found") as unknown,
    });
  });

  it('products by Urcoopa code: the URCOOPA supplier info, its product, unit and weight', async () => {
    const cat = catalog();
    const map = await cat.productsBySupplierCodes(['31040N25AA', '20115VRAC', '32010N40AB', '39990X25ZZ']);
    expect([...map.keys()].sort()).toEqual(['20115VRAC', '31040N25AA', '32010N40AB']);
    const bag = map.get('31040N25AA')!;
    expect(bag).toMatchObject({ uomName: 'Units', uomId: ODOO_SEED.uom.unitsId, type: 'product' });
    expect(bag.weightKg?.toString()).toBe('25');
    expect(sandbox.get('product.product', bag.productId)?.product_tmpl_id).toBe(bag.templateId);
    expect(map.get('20115VRAC')).toMatchObject({ uomName: 'kg', uomId: ODOO_SEED.uom.kgId });
    expect(map.get('20115VRAC')!.weightKg?.toString()).toBe('1');
    // Another vendor uses the same code for another product: only URCOOPA's counts.
    expect(map.get('32010N40AB')!.name).not.toContain('Coop Sud');
    expect(map.get('32010N40AB')!.weightKg?.toString()).toBe('40');
  });

  it('looks products up in a constant number of calls: 10 codes or 500', async () => {
    const known = PRODUCTS.map((p) => p.code!).filter(Boolean);
    const ten = known.slice(0, 10);
    const fiveHundred = [...known, ...Array.from({ length: 500 - known.length }, (_, i) => `FAKE${i}`)];
    const small = await callsOf(() => catalog().productsBySupplierCodes(ten));
    const large = await callsOf(() => catalog().productsBySupplierCodes(fiveHundred));
    expect(small).toBe(large);
    expect(large).toBe(3); // URCOOPA partner, supplier infos, products
    // Already looked up in this run: no call at all.
    const cat = catalog();
    await cat.productsBySupplierCodes(fiveHundred);
    expect(await callsOf(() => cat.productsBySupplierCodes(ten))).toBe(0);
    cat.beginRun();
    expect(await callsOf(() => cat.productsBySupplierCodes(ten))).toBe(3);
  });

  it('service products by label, ignoring case and accents, fetched once', async () => {
    const cat = catalog();
    const map = await cat.serviceProductsByLabels(['TRANSPORT', 'frais de livraison  silo', 'INCONNU']);
    expect([...map.keys()]).toEqual(['TRANSPORT', 'frais de livraison  silo']);
    expect(map.get('TRANSPORT')).toMatchObject({ name: 'TRANSPORT', type: 'service' });
    expect(await callsOf(() => cat.serviceProductsByLabels(['TRANSPORT']))).toBe(0);
  });

  it('products by id (stored mappings, operator choices) in one batched read; unknown ids left out', async () => {
    const cat = catalog();
    const bag = (await cat.productsBySupplierCodes(['31040N25AA'])).get('31040N25AA')!;
    let map = new Map<number, unknown>();
    const calls = await callsOf(async () => {
      map = await cat.productsByIds([bag.productId, bag.productId, 999_999]);
    });
    expect(calls).toBe(1);
    expect([...map.keys()]).toEqual([bag.productId]);
    const byId = (await cat.productsByIds([bag.productId])).get(bag.productId)!;
    expect(byId).toMatchObject({ templateId: bag.templateId, defaultCode: bag.defaultCode });
    expect(byId.weightKg?.toString()).toBe('25');
    expect(await callsOf(() => cat.productsByIds([]))).toBe(0);
  });

  it('members: active top-level partners with their ADHERENT flag', async () => {
    const cat = catalog();
    const members = await cat.members();
    const hoarau = members.find((m) => m.ref === 'AD1620');
    expect(hoarau).toMatchObject({ name: 'HOARAU Marie-José', isAdherent: true, companyId: null });
    expect(members.find((m) => m.ref === 'CL1914')).toMatchObject({ isAdherent: false });
    expect(members.find((m) => m.ref === 'AD1873-OLD')).toBeUndefined();
    expect(members.filter((m) => m.isAdherent)).toHaveLength(
      MEMBERS.filter((m) => m.adherent && m.odooName).length,
    );
    expect(await callsOf(() => cat.members())).toBe(0);
  });

  it('units, taxes by company and rate (one call for all companies), companies', async () => {
    const cat = catalog();
    expect(await cat.uoms()).toEqual({
      units: ODOO_SEED.uom.unitsId,
      kg: ODOO_SEED.uom.kgId,
      tonne: ODOO_SEED.uom.tId,
    });
    const calls = await callsOf(async () => {
      for (const c of COMPANIES) {
        expect(await cat.taxesByRate(c.id, dec('2.1'), 'purchase')).toHaveLength(1);
        expect(await cat.taxesByRate(c.id, dec('2.10'), 'sale')).toHaveLength(1);
      }
    });
    expect(calls).toBe(1);
    const tax = (await cat.taxesByRate(21, dec('2.1'), 'purchase'))[0];
    expect(sandbox.get('account.tax', tax.id)).toMatchObject({
      company_id: 21,
      type_tax_use: 'purchase',
      amount: 2.1,
    });
    expect(await cat.taxIdByRate(21, dec('5.5'), 'purchase')).toBeNull();
    expect(await cat.taxIdByRate(ODOO_SEED.unauthorizedCompany.id, dec('2.1'), 'purchase')).toBeNull();

    const companies = await cat.companies();
    expect(companies.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      COMPANIES.map((c) => c.id).sort((a, b) => a - b),
    );
    expect(companies.find((c) => c.id === SICALAIT_COMPANY_ID)).toEqual({
      id: SICALAIT_COMPANY_ID,
      name: 'SICALAIT',
      email: 'compta@sicalait.example',
    });
  });

  it('purchase orders by name and by vendor reference, with their lines', async () => {
    const seeded = sandbox
      .records('purchase.order')
      .filter((p) => p.company_id !== ODOO_SEED.unauthorizedCompany.id);
    const withRef = seeded.find((p) => typeof p.partner_ref === 'string' && p.partner_ref);
    const cat = catalog();
    const byName = await cat.purchaseOrdersByNames([String(seeded[0].name), 'P9999999']);
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatchObject({
      id: seeded[0].id,
      name: seeded[0].name,
      companyId: seeded[0].company_id,
    });
    const byRef = await cat.purchaseOrdersByPartnerRefs(['GESICA706731']);
    expect(byRef).toHaveLength(1);
    expect(byRef[0]).toMatchObject({ name: 'P0005653', partnerRef: 'GESICA706731', state: 'draft' });
    expect(withRef).toBeDefined();
    const lines = await cat.purchaseOrderLines(byName.map((p) => p.id));
    expect(lines.map((l) => l.id).sort()).toEqual([...byName[0].lineIds].sort());
    expect(lines.every((l) => l.orderId === seeded[0].id)).toBe(true);
  });
});
