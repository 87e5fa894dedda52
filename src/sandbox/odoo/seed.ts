import {
  ANALYTIC_922_ID,
  COMPANIES,
  INTERCOMPANY_SUPPLIER_PARTNER_ID,
  MEMBERS,
  SICALAIT_COMPANY_ID,
  URCOOPA_PARTNER_ID,
  VAT_RATE,
} from '../world/catalogue';
import type { SandboxPurchaseOrder } from '../world/world.types';
import type { Env, Orm, SandboxUser } from './orm';
import { ODOO_SEED } from './seed-ids';
import { seedProducts } from './seed-products';
import { defaultPurchaseOrders, seedPurchaseOrders } from './seed-purchases';

export function defaultUsers(login: string, password: string): SandboxUser[] {
  return [
    {
      id: ODOO_SEED.apiUid,
      login,
      password,
      name: 'API Sicalait',
      companyId: SICALAIT_COMPANY_ID,
      companyIds: COMPANIES.map((c) => c.id),
      tz: 'Indian/Reunion',
    },
  ];
}

export function seedOdoo(
  orm: Orm,
  users: SandboxUser[],
  purchaseOrders: SandboxPurchaseOrder[] | undefined,
  /** Companies seeded without a purchase journal; default: the catalogue's (SAINT-BENOIT). */
  withoutPurchaseJournal: number[] = COMPANIES.filter((c) => !c.hasPurchaseJournal).map((c) => c.id),
): void {
  const s = orm.store;
  const allCompanies = [...COMPANIES.map((c) => c.id), ODOO_SEED.unauthorizedCompany.id];
  const root: Env = {
    uid: 1,
    user: {
      id: 1,
      login: '__system__',
      password: '',
      name: 'OdooBot',
      companyId: SICALAIT_COMPANY_ID,
      companyIds: allCompanies,
    },
    companyIds: allCompanies,
    companyId: SICALAIT_COMPANY_ID,
    context: {},
  };
  s.insert(
    'res.currency',
    { name: 'EUR', symbol: '€', rounding: 0.01, decimal_places: 2, active: true },
    ODOO_SEED.eurCurrencyId,
  );
  s.insert('uom.category', { name: 'Unit' }, ODOO_SEED.uom.unitCategoryId);
  s.insert('uom.category', { name: 'Weight' }, ODOO_SEED.uom.weightCategoryId);
  const uom = (id: number, name: string, category: number, factor: number, type: string) =>
    s.insert(
      'uom.uom',
      { name, category_id: category, factor, rounding: 0.01, uom_type: type, active: true },
      id,
    );
  uom(ODOO_SEED.uom.unitsId, 'Units', ODOO_SEED.uom.unitCategoryId, 1, 'reference');
  uom(ODOO_SEED.uom.kgId, 'kg', ODOO_SEED.uom.weightCategoryId, 1, 'reference');
  uom(ODOO_SEED.uom.tId, 't', ODOO_SEED.uom.weightCategoryId, 0.001, 'bigger');

  seedReference(orm);

  const companies = [
    ...COMPANIES,
    { ...ODOO_SEED.unauthorizedCompany, email: 'elevage@sicalait.example', hasPurchaseJournal: true },
  ];
  companies.forEach((c, i) => {
    const partner = s.insert('res.partner', {
      name: c.name,
      email: c.email,
      is_company: true,
      type: 'contact',
      active: true,
      company_id: false,
      supplier_rank: 0,
      customer_rank: 0,
    });
    s.insert(
      'res.company',
      {
        name: c.name,
        email: c.email,
        partner_id: partner.id,
        currency_id: ODOO_SEED.eurCurrencyId,
        sequence: i,
        // Urcoopa computes VAT on the invoice total; Sicalait's companies round taxes globally too.
        tax_calculation_rounding_method: 'round_globally',
        active: true,
      },
      c.id,
    );
  });
  for (const u of users) {
    s.insert(
      'res.users',
      {
        name: u.name,
        login: u.login,
        company_id: u.companyId,
        company_ids: u.companyIds,
        tz: u.tz ?? false,
        active: true,
      },
      u.id,
    );
  }

  const purchaseTax = new Map<number, number>();
  const saleTax = new Map<number, number>();
  for (const c of companies) {
    const tax = (name: string, use: string, amount: number) =>
      s.insert('account.tax', {
        name,
        type_tax_use: use,
        amount,
        amount_type: 'percent',
        price_include: false,
        company_id: c.id,
        active: true,
        sequence: 1,
      }).id;
    purchaseTax.set(
      c.id,
      tax(`TVA déductible ${VAT_RATE.replace('.', ',')} %`, 'purchase', Number(VAT_RATE)),
    );
    saleTax.set(c.id, tax(`TVA collectée ${VAT_RATE.replace('.', ',')} %`, 'sale', Number(VAT_RATE)));
    tax('TVA déductible 8,5 %', 'purchase', 8.5);
    tax('TVA collectée 8,5 %', 'sale', 8.5);
    const journal = (name: string, code: string, type: string) =>
      s.insert('account.journal', {
        name,
        code,
        type,
        company_id: c.id,
        refund_sequence: type !== 'general',
        sequence: 10,
        currency_id: false,
        active: true,
      });
    journal('Factures clients', 'INV', 'sale');
    if (!withoutPurchaseJournal.includes(c.id)) journal('Factures fournisseurs', 'BILL', 'purchase');
    journal('Opérations diverses', 'MISC', 'general');
    const account = (code: string, name: string, type: string, reconcile = false) =>
      s.insert('account.account', {
        code,
        name,
        account_type: type,
        reconcile,
        deprecated: false,
        company_id: c.id,
        currency_id: false,
      });
    account('401100', 'Fournisseurs - Achats de biens et prestations de services', 'liability_payable', true);
    account('411100', 'Clients - Ventes de biens ou de prestations de services', 'asset_receivable', true);
    account('445660', 'TVA déductible sur autres biens et services', 'asset_current');
    account('445710', 'TVA collectée', 'liability_current');
    account('601000', 'Achats stockés - Matières premières', 'expense');
    account('707000', 'Ventes de marchandises', 'income');
    const wh = s.insert('stock.warehouse', {
      name: c.name,
      code: c.id === SICALAIT_COMPANY_ID ? 'SIC' : `M${c.id}`,
      sequence: 10,
      company_id: c.id,
      active: true,
    }).id;
    s.insert('stock.picking.type', {
      name: 'Réceptions',
      code: 'incoming',
      sequence_code: 'IN',
      warehouse_id: wh,
      company_id: c.id,
      sequence: 1,
      active: true,
    });
    s.insert('stock.picking.type', {
      name: 'Dropship',
      code: 'dropship',
      sequence_code: 'DS',
      warehouse_id: wh,
      company_id: c.id,
      sequence: 2,
      active: true,
    });
  }

  s.insert('res.partner.category', { name: 'ADHERENT', active: true }, ODOO_SEED.adherentCategoryId);
  s.insert('res.partner.category', { name: 'FOURNISSEUR', active: true });
  const partner = (id: number, vals: Record<string, unknown>) =>
    s.insert(
      'res.partner',
      {
        type: 'contact',
        active: true,
        is_company: true,
        company_id: false,
        supplier_rank: 0,
        customer_rank: 0,
        category_id: [],
        ...vals,
      },
      id,
    );
  partner(URCOOPA_PARTNER_ID, {
    name: 'URCOOPA',
    ref: 'URCOOPA',
    email: 'edi@urcoopa.example',
    supplier_rank: 12,
  });
  partner(INTERCOMPANY_SUPPLIER_PARTNER_ID, {
    name: 'SICALAIT (centrale d’achat)',
    ref: 'SICCENTRALE',
    supplier_rank: 5,
  });
  partner(ODOO_SEED.otherVendorPartnerId, {
    name: 'COOPERATIVE AGRICOLE DU SUD',
    ref: 'CAS',
    supplier_rank: 2,
  });
  partner(ODOO_SEED.foreignPartnerId, {
    name: 'ELEVAGE FOURNISSEUR PRIVE',
    ref: 'EFP',
    company_id: ODOO_SEED.unauthorizedCompany.id,
  });
  partner(ODOO_SEED.storeOnlyPartnerId, {
    name: 'TRANSPORTS DU PORT',
    ref: 'TDP',
    company_id: 21,
    supplier_rank: 1,
  });
  for (const m of MEMBERS) {
    if (!m.odooName) continue;
    s.insert('res.partner', {
      name: m.odooName,
      ref: m.ref,
      type: 'contact',
      active: true,
      is_company: true,
      company_id: false,
      customer_rank: 3,
      supplier_rank: 0,
      email: `${String(m.ref).toLowerCase()}@eleveurs.example`,
      category_id: m.adherent ? [ODOO_SEED.adherentCategoryId] : [],
    });
  }
  // An archived homonym: searches must not see it unless they ask for inactive records.
  s.insert('res.partner', {
    name: 'EARL des Tamarins',
    ref: 'AD1873-OLD',
    type: 'contact',
    active: false,
    is_company: true,
    company_id: false,
    category_id: [ODOO_SEED.adherentCategoryId],
    customer_rank: 0,
    supplier_rank: 0,
  });

  s.insert('account.analytic.plan', { name: 'Projets', sequence: 10 }, 1);
  s.insert(
    'account.analytic.account',
    { name: 'Achats aliments Urcoopa', code: '922', plan_id: 1, company_id: false, active: true },
    ANALYTIC_922_ID,
  );

  seedProducts(
    orm,
    root,
    purchaseTax.get(SICALAIT_COMPANY_ID) as number,
    saleTax.get(SICALAIT_COMPANY_ID) as number,
  );

  seedPurchaseOrders(orm, root, purchaseOrders ?? defaultPurchaseOrders());
  seedPurchaseOrders(orm, root, [
    {
      ...defaultPurchaseOrders()[0],
      name: 'PE00001',
      companyId: ODOO_SEED.unauthorizedCompany.id,
      partnerId: ODOO_SEED.foreignPartnerId,
      state: 'draft',
      dropship: false,
      received: false,
    },
  ]);
}

export { ODOO_SEED };

/** Records every Odoo 17 database has after installing base, product, account, purchase and stock. */
function seedReference(orm: Orm): void {
  const s = orm.store;
  s.insert('product.category', { name: 'All', parent_id: false }, 1);
  s.insert('product.category', { name: 'Saleable', parent_id: 1 }, 2);
  s.insert('res.country', { name: 'France', code: 'FR', currency_id: ODOO_SEED.eurCurrencyId }, 75);
  s.insert('res.country', { name: 'Réunion', code: 'RE', currency_id: ODOO_SEED.eurCurrencyId }, 184);
  s.insert(
    'account.payment.term',
    { name: 'Immediate Payment', active: true, sequence: 1, company_id: false },
    1,
  );
  s.insert('account.payment.term', { name: '30 Days', active: true, sequence: 4, company_id: false }, 4);
  const mod = (name: string, shortdesc: string, state: string, application = false) =>
    s.insert('ir.module.module', {
      name,
      shortdesc,
      state,
      application,
      sequence: 100,
      latest_version: state === 'installed' ? '17.0.1.0' : false,
    });
  mod('base', 'Base', 'installed');
  mod('uom', 'Units of measure', 'installed');
  mod('product', 'Products & Pricelists', 'installed');
  mod('account', 'Invoicing', 'installed', true);
  mod('purchase', 'Purchase', 'installed', true);
  mod('stock', 'Inventory', 'installed', true);
  mod('sale_management', 'Sales', 'uninstalled', true);
}
