import { Inject, Injectable } from '@nestjs/common';
import { dec, type Decimal } from '../common/money';
import { normalizeName } from '../common/text';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OdooClient } from './odoo.client';
import { OdooError, OdooErrorCode } from './odoo.error';
import {
  m2oId,
  m2oName,
  orNull,
  type Domain,
  type Many2one,
  type OdooCompany,
  type OdooMember,
  type OdooProductRef,
  type OdooPurchaseOrder,
  type OdooPurchaseOrderLine,
  type OdooTaxRef,
  type OdooUoms,
} from './odoo.types';
import { purchaseOrderLines, purchaseOrdersBy } from './odoo-purchase.queries';

interface SupplierInfoRow {
  id: number;
  product_code: string | false;
  product_tmpl_id: Many2one;
  product_id: Many2one;
}

interface ProductRow {
  id: number;
  name: string;
  default_code: string | false;
  product_tmpl_id: Many2one;
  uom_id: Many2one;
  weight: number | false;
  detailed_type: string | false;
}

const PRODUCT_FIELDS = ['id', 'name', 'default_code', 'product_tmpl_id', 'uom_id', 'weight', 'detailed_type'];

/**
 * Batched lookups of Odoo reference data for the jobs: a constant number of calls per run, whatever
 * the number of invoices. Results are cached in this singleton until `beginRun()` (alias `clear()`),
 * which each job calls at its start so that a run sees Odoo as it is now, not as at boot. Caches hold
 * promises, so concurrent callers share one request; a failed request is not cached.
 */
@Injectable()
export class OdooCatalogService {
  private cache = new Map<string, Promise<unknown>>();
  /** Urcoopa code → product (null = no URCOOPA supplier info for that code). */
  private products = new Map<string, OdooProductRef | null>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly odoo: OdooClient,
  ) {}

  beginRun(): void {
    this.cache.clear();
    this.products.clear();
  }

  clear(): void {
    this.beginRun();
  }

  /** The URCOOPA supplier partner: config.odoo.urcoopaPartnerId, or the supplier named URCOOPA. */
  urcoopaPartnerId(): Promise<number> {
    const configured = this.config.odoo.urcoopaPartnerId;
    if (configured) return Promise.resolve(configured);
    return this.once('urcoopa', () =>
      this.single('res.partner', 'supplier', 'URCOOPA', [
        ['name', '=ilike', 'URCOOPA'],
        ['supplier_rank', '>', 0],
      ]),
    );
  }

  /** The SICALAIT company: config.odoo.sicalaitCompanyId, or the company named SICALAIT. */
  sicalaitCompanyId(): Promise<number> {
    const configured = this.config.odoo.sicalaitCompanyId;
    if (configured) return Promise.resolve(configured);
    // From the companies list the jobs read anyway: one res.company call per run, not two.
    return this.once('sicalait', async () => {
      const matches = (await this.companies()).filter((c) => c.name.toUpperCase() === 'SICALAIT');
      return onlyOne(matches, 'res.company', 'company', 'SICALAIT');
    });
  }

  /** The analytic account of that code (config.odoo.analyticCode, '922'). */
  analyticAccountId(code: string = this.config.odoo.analyticCode): Promise<number> {
    return this.once(`analytic:${code}`, () =>
      this.single('account.analytic.account', 'analytic account', code, [['code', '=', code]]),
    );
  }

  /**
   * Products by Urcoopa code: product.supplierinfo of URCOOPA with product_code in codes →
   * product_tmpl_id → product.product. Two calls for all codes not seen yet in this run.
   */
  async productsBySupplierCodes(codes: string[]): Promise<Map<string, OdooProductRef>> {
    const wanted = [...new Set(codes.filter((c) => c && !this.products.has(c)))];
    if (wanted.length > 0) {
      const partnerId = await this.urcoopaPartnerId();
      const infos = await this.odoo.searchReadIn<SupplierInfoRow>(
        'product.supplierinfo',
        'product_code',
        wanted,
        ['id', 'product_code', 'product_tmpl_id', 'product_id'],
        [['partner_id', '=', partnerId]],
        { order: 'sequence, id' },
      );
      const templateIds = infos
        .map((i) => m2oId(i.product_tmpl_id))
        .filter((id): id is number => id !== null);
      const variants = await this.odoo.searchReadIn<ProductRow>(
        'product.product',
        'product_tmpl_id',
        templateIds,
        PRODUCT_FIELDS,
        [],
        { order: 'id' },
      );
      const byTemplate = new Map<number, ProductRow>();
      const byId = new Map(variants.map((v) => [v.id, v]));
      for (const v of variants) {
        const t = m2oId(v.product_tmpl_id);
        if (t !== null && !byTemplate.has(t)) byTemplate.set(t, v);
      }
      for (const code of wanted) this.products.set(code, null);
      for (const info of infos) {
        const code = orNull(info.product_code);
        if (!code || this.products.get(code)) continue;
        const variantId = m2oId(info.product_id);
        const row =
          (variantId !== null ? byId.get(variantId) : undefined) ??
          byTemplate.get(m2oId(info.product_tmpl_id) ?? 0);
        if (row) this.products.set(code, toProductRef(row));
      }
    }
    const result = new Map<string, OdooProductRef>();
    for (const code of codes) {
      const ref = this.products.get(code);
      if (ref) result.set(code, ref);
    }
    return result;
  }

  /**
   * Products by id (stored mappings, operators' choices): one batched read, not cached. Ids that do
   * not exist, or whose product is archived, are absent from the result.
   */
  async productsByIds(ids: number[]): Promise<Map<number, OdooProductRef>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await this.odoo.searchReadIn<ProductRow>('product.product', 'id', wanted, PRODUCT_FIELDS);
    return new Map(rows.map((row) => [row.id, toProductRef(row)]));
  }

  /** Service products whose name equals the label, compared with normalizeName (line 900). */
  async serviceProductsByLabels(labels: string[]): Promise<Map<string, OdooProductRef>> {
    const services = await this.once('services', async () => {
      const rows = await this.odoo.searchReadAll<ProductRow>(
        'product.product',
        [['detailed_type', '=', 'service']],
        PRODUCT_FIELDS,
      );
      const byName = new Map<string, OdooProductRef>();
      for (const row of rows) {
        const key = normalizeName(row.name);
        if (key && !byName.has(key)) byName.set(key, toProductRef(row));
      }
      return byName;
    });
    const result = new Map<string, OdooProductRef>();
    for (const label of labels) {
      const ref = services.get(normalizeName(label));
      if (ref) result.set(label, ref);
    }
    return result;
  }

  /** Every top-level partner that may be a member, with its ADHERENT flag (paged reads). */
  members(): Promise<OdooMember[]> {
    return this.once('members', async () => {
      const categories = await this.odoo.searchRead<{ id: number }>(
        'res.partner.category',
        [['name', '=ilike', 'ADHERENT']],
        ['id'],
      );
      const adherent = new Set(categories.map((c) => c.id));
      const rows = await this.odoo.searchReadAll<{
        id: number;
        name: string | false;
        ref: string | false;
        category_id: number[];
        company_id: Many2one;
      }>('res.partner', [['parent_id', '=', false]], ['id', 'name', 'ref', 'category_id', 'company_id']);
      return rows.map((p) => ({
        id: p.id,
        name: orNull(p.name) ?? '',
        ref: orNull(p.ref),
        isAdherent: p.category_id.some((c) => adherent.has(c)),
        companyId: m2oId(p.company_id),
      }));
    });
  }

  /** The units Urcoopa bills in: Units (UN), kg (KG), t (TO). */
  uoms(): Promise<OdooUoms> {
    return this.once('uoms', async () => {
      const rows = await this.odoo.searchRead<{ id: number; name: string }>(
        'uom.uom',
        [['name', 'in', ['Units', 'kg', 't']]],
        ['id', 'name'],
      );
      const id = (name: string) => {
        const row = rows.find((r) => r.name === name);
        if (!row) throw new OdooError(OdooErrorCode.NotFound, `Unit of measure '${name}' not found in Odoo`);
        return row.id;
      };
      return { units: id('Units'), kg: id('kg'), tonne: id('t') };
    });
  }

  /**
   * Percentage taxes (not price-included) of that company, rate and use. All companies' taxes are
   * fetched in one call (no company context: every company of the API user) on first use.
   */
  async taxesByRate(companyId: number, rate: Decimal, use: 'purchase' | 'sale'): Promise<OdooTaxRef[]> {
    const taxes = await this.once('taxes', async () => {
      const rows = await this.odoo.searchReadAll<{
        id: number;
        name: string;
        amount: number;
        type_tax_use: string;
        company_id: Many2one;
      }>(
        'account.tax',
        [
          ['amount_type', '=', 'percent'],
          ['price_include', '=', false],
          ['type_tax_use', 'in', ['purchase', 'sale']],
        ],
        ['id', 'name', 'amount', 'type_tax_use', 'company_id'],
        { order: 'sequence, id' },
      );
      return rows.map((t): OdooTaxRef => ({
        id: t.id,
        name: t.name,
        companyId: m2oId(t.company_id) ?? 0,
        rate: dec(String(t.amount)),
        use: t.type_tax_use as 'purchase' | 'sale',
      }));
    });
    return taxes.filter((t) => t.companyId === companyId && t.use === use && t.rate.eq(rate));
  }

  /** The first matching tax id, or null (the caller reports "no such tax in that company"). */
  async taxIdByRate(companyId: number, rate: Decimal, use: 'purchase' | 'sale'): Promise<number | null> {
    return (await this.taxesByRate(companyId, rate, use))[0]?.id ?? null;
  }

  companies(): Promise<OdooCompany[]> {
    return this.once('companies', async () => {
      const rows = await this.odoo.searchRead<{ id: number; name: string; email: string | false }>(
        'res.company',
        [],
        ['id', 'name', 'email'],
        { order: 'id' },
      );
      return rows.map((c) => ({ id: c.id, name: c.name, email: orNull(c.email) }));
    });
  }

  /** Purchase orders by name (P0005650), in `in` chunks; not cached (their state changes). */
  purchaseOrdersByNames(names: string[], opts: { companyIds?: number[] } = {}): Promise<OdooPurchaseOrder[]> {
    return purchaseOrdersBy(this.odoo, 'name', names, opts);
  }

  /** Purchase orders by vendor reference (GESICA706731). */
  purchaseOrdersByPartnerRefs(
    refs: string[],
    opts: { companyIds?: number[] } = {},
  ): Promise<OdooPurchaseOrder[]> {
    return purchaseOrdersBy(this.odoo, 'partner_ref', refs, opts);
  }

  /** The lines of these orders (for purchase_line_id), in `in` chunks. */
  purchaseOrderLines(
    orderIds: number[],
    opts: { companyIds?: number[] } = {},
  ): Promise<OdooPurchaseOrderLine[]> {
    return purchaseOrderLines(this.odoo, orderIds, opts);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.cache.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.cache.set(key, promise);
      promise.catch(() => this.cache.get(key) === promise && this.cache.delete(key));
    }
    return promise;
  }

  private async single(model: string, what: string, label: string, domain: Domain): Promise<number> {
    const rows = await this.odoo.searchRead<{ id: number }>(model, domain, ['id'], { limit: 2 });
    return onlyOne(rows, model, what, label);
  }
}

function toProductRef(row: ProductRow): OdooProductRef {
  const weight = row.weight === false ? null : dec(String(row.weight));
  return {
    productId: row.id,
    templateId: m2oId(row.product_tmpl_id) ?? 0,
    name: row.name,
    defaultCode: orNull(row.default_code),
    uomId: m2oId(row.uom_id) ?? 0,
    uomName: m2oName(row.uom_id) ?? '',
    weightKg: weight && weight.gt(0) ? weight : null,
    type: orNull(row.detailed_type) ?? 'consu',
  };
}

/** The id of the one record found; not found or found twice → an error asking for the id in config. */
function onlyOne(rows: Array<{ id: number }>, model: string, what: string, label: string): number {
  if (rows.length === 1) return rows[0].id;
  const code = rows.length === 0 ? OdooErrorCode.NotFound : OdooErrorCode.Ambiguous;
  const problem = rows.length === 0 ? 'not found' : 'found more than once';
  throw new OdooError(
    code,
    `Odoo ${what} '${label}' ${problem} (${model}); set its id in the configuration`,
    {
      details: { model, label },
    },
  );
}
