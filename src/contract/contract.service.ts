import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ArticleMappingEntity } from '../correspondence/entities/article-mapping.entity';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { OdooClient } from '../odoo/odoo.client';
import { OdooError, OdooErrorCode } from '../odoo/odoo.error';
import { m2oId, type Many2one } from '../odoo/odoo.types';
import { UrcoopaClient } from '../urcoopa/urcoopa.client';
import { UrcoopaError, UrcoopaErrorCode } from '../urcoopa/urcoopa.error';
import {
  CONTRACT_MODULES,
  CONTRACT_UNITS,
  CONTRACT_VAT_RATE,
  MAX_CLOCK_SKEW_SECONDS,
  URCOOPA_OPERATIONS,
  type ContractArea,
  type ContractPoint,
  type ContractReport,
} from './contract.types';

interface Company {
  id: number;
  name: string;
}

/**
 * The pre-flight check (`npm run contract`, GET /api/contract): is the configured Odoo (and
 * Urcoopa) what the jobs rely on? Reads only: searches, reads, check_access_rights /
 * check_access_rule, one Get_Factures of one day. Never creates, writes or deletes anything.
 */
@Injectable()
export class ContractService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly odoo: OdooClient,
    private readonly urcoopa: UrcoopaClient,
    private readonly clock: BusinessClock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<ContractReport> {
    const points: ContractPoint[] = [];
    await this.odooPoints(points);
    await this.urcoopaPoints(points);
    return {
      ok: points.every((p) => p.ok),
      checkedAt: this.clock.now().toISO() ?? new Date().toISOString(),
      odoo: origin(this.config.odoo.url),
      points,
    };
  }

  private async odooPoints(points: ContractPoint[]): Promise<void> {
    const add = point(points, 'odoo');
    let version: Record<string, unknown>;
    try {
      version = await this.odoo.version();
    } catch (error) {
      add('Odoo answers', false, message(error), 'check URL_ODOO (the Odoo base URL, without /xmlrpc)');
      return;
    }
    const serie = String(version.server_serie ?? version.server_version ?? '?');
    add(
      'Odoo version 17.0',
      serie === '17.0',
      `server_version ${String(version.server_version)}`,
      'the service speaks Odoo 17.0’s API: point URL_ODOO at the Odoo 17.0 server',
    );
    let uid: number;
    try {
      uid = await this.odoo.authenticate();
      add('API user authenticates', true, `uid ${uid} on database ${this.config.odoo.db}`);
    } catch (error) {
      add(
        'API user authenticates',
        false,
        message(error),
        'check DB_ODOO, USERNAME_ODOO and PASSWORD_ODOO (an API key of that user works as password)',
      );
      return;
    }
    await this.step(add, 'Modules account, purchase, stock installed', () => this.modules(add));
    const user = await this.step(add, 'API user readable', () => this.user(uid));
    const companies = await this.step(add, 'Companies readable', () => this.companies());
    await this.step(add, 'URCOOPA partner', () => this.urcoopaPartner(add));
    const sicalait = await this.step(add, 'SICALAIT company', () => this.sicalait(add, companies ?? []));
    await this.step(add, 'Intercompany supplier partner', () => this.intercompany(add));
    const depots = await this.dataSource.getRepository(DepotEntity).find({ order: { company_id: 'ASC' } });
    const storeCompanies = [...new Set(depots.map((d) => d.company_id))];
    if (depots.length === 0) {
      add('Store companies (sic_depot)', false, 'sic_depot is empty', 'fill sic_depot (one row per store)');
    }
    const byId = new Map((companies ?? []).map((c) => [c.id, c]));
    const allowed = new Set(user?.companyIds ?? []);
    for (const id of storeCompanies) {
      const stores = depots
        .filter((d) => d.company_id === id)
        .map((d) => `${d.code_urcoopa} ${d.lib ?? ''}`.trim());
      const c = byId.get(id);
      add(
        `Store company ${id} (sic_depot ${stores.join(', ')})`,
        Boolean(c) && allowed.has(id),
        c
          ? `${c.name}${allowed.has(id) ? '' : ', not among the API user’s companies'}`
          : 'not found among the API user’s companies',
        c
          ? `add ${c.name} to the API user’s allowed companies (Settings › Users)`
          : `fix sic_depot.company_id (${id}), or add that company to the API user’s allowed companies`,
      );
    }
    const writeCompanies = [...new Set([...(sicalait ? [sicalait] : []), ...storeCompanies])].filter((id) =>
      byId.has(id),
    );
    await this.step(add, 'Purchase journals', () =>
      this.journals(
        add,
        storeCompanies.filter((id) => byId.has(id)),
        byId,
      ),
    );
    await this.step(add, 'Taxes 2.1 %', () => this.taxes(add, writeCompanies, byId));
    await this.step(add, `Analytic account ${this.config.odoo.analyticCode}`, () => this.analytic(add));
    await this.step(add, 'Units', () => this.units(add));
    await this.step(add, 'Line-900 service products', () => this.services(add));
    await this.step(add, 'Products chosen for unknown articles', () => this.mappedProducts(add));
    await this.step(add, 'Rights on purchase orders', () => this.purchaseRights(add));
    for (const id of writeCompanies) {
      const name = byId.get(id)?.name ?? String(id);
      await this.step(add, `Rights on journal entries in ${name}`, () => this.moveRights(add, id, name));
    }
    await this.clockPoints(points, user?.tz ?? null);
  }

  /** Runs one group of checks; a failure of the group itself (Odoo fault, network) is one ✗. */
  private async step<T>(add: Adder, name: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      add(name, false, message(error), fixFor(error));
      return undefined;
    }
  }

  private async modules(add: Adder): Promise<void> {
    const rows = await this.odoo.searchRead<{ id: number; name: string; state: string }>(
      'ir.module.module',
      [['name', 'in', [...CONTRACT_MODULES]]],
      ['id', 'name', 'state'],
    );
    const missing = CONTRACT_MODULES.filter(
      (m) => !rows.some((r) => r.name === m && r.state === 'installed'),
    );
    add(
      'Modules account, purchase, stock installed',
      missing.length === 0,
      missing.length === 0 ? 'installed' : `not installed: ${missing.join(', ')}`,
      `install ${missing.join(', ')} in Odoo (Apps)`,
    );
  }

  private async user(uid: number): Promise<{ companyIds: number[]; tz: string | null }> {
    const [row] = await this.odoo.read<{ id: number; company_ids: number[]; tz: string | false }>(
      'res.users',
      [uid],
      ['id', 'company_ids', 'tz'],
    );
    return { companyIds: row?.company_ids ?? [], tz: row?.tz || null };
  }

  private async companies(): Promise<Company[]> {
    return this.odoo.searchRead<Company>('res.company', [], ['id', 'name'], { order: 'id' });
  }

  private async urcoopaPartner(add: Adder): Promise<void> {
    const configured = this.config.odoo.urcoopaPartnerId;
    const rows = await this.odoo.searchRead<{ id: number; name: string; supplier_rank: number }>(
      'res.partner',
      configured
        ? [['id', '=', configured]]
        : [
            ['name', '=ilike', 'URCOOPA'],
            ['supplier_rank', '>', 0],
          ],
      ['id', 'name', 'supplier_rank'],
      { limit: 2 },
    );
    const label = configured ? `ODOO_URCOOPA_PARTNER_ID=${configured}` : 'supplier named URCOOPA';
    const ok = rows.length === 1 && /urcoopa/i.test(rows[0].name);
    add(
      'URCOOPA partner',
      ok,
      rows.length === 1
        ? `${label}: ${rows[0].id} ${rows[0].name}`
        : `${label}: ${rows.length === 0 ? 'not found' : 'found twice'}`,
      configured
        ? 'set ODOO_URCOOPA_PARTNER_ID to the id of the URCOOPA vendor (Contacts)'
        : 'set ODOO_URCOOPA_PARTNER_ID to the id of the URCOOPA vendor',
    );
  }

  private async sicalait(add: Adder, companies: Company[]): Promise<number | undefined> {
    const configured = this.config.odoo.sicalaitCompanyId;
    const matches = configured
      ? companies.filter((c) => c.id === configured)
      : companies.filter((c) => c.name.toUpperCase() === 'SICALAIT');
    const label = configured ? `ODOO_SICALAIT_COMPANY_ID=${configured}` : 'company named SICALAIT';
    const ok = matches.length === 1 && /sicalait/i.test(matches[0].name);
    add(
      'SICALAIT company',
      ok,
      matches.length === 1
        ? `${label}: ${matches[0].id} ${matches[0].name}`
        : `${label}: not found among the API user’s companies`,
      'set ODOO_SICALAIT_COMPANY_ID to the SICALAIT company id and give the API user access to it',
    );
    return ok ? matches[0].id : undefined;
  }

  private async intercompany(add: Adder): Promise<void> {
    const id = this.config.odoo.intercompanyPartnerId;
    if (!id) return;
    const rows = await this.odoo.searchRead<{ id: number; name: string }>(
      'res.partner',
      [['id', '=', id]],
      ['id', 'name'],
    );
    add(
      'Intercompany supplier partner',
      rows.length === 1,
      rows.length === 1
        ? `ODOO_INTERCOMPANY_PARTNER_ID=${id}: ${rows[0].name}`
        : `ODOO_INTERCOMPANY_PARTNER_ID=${id}: not found`,
      'set ODOO_INTERCOMPANY_PARTNER_ID to an existing partner id, or unset it',
    );
  }

  private async journals(add: Adder, companyIds: number[], byId: Map<number, Company>): Promise<void> {
    if (companyIds.length === 0) return;
    const rows = await this.odoo.searchRead<{ id: number; name: string; code: string; company_id: Many2one }>(
      'account.journal',
      [
        ['type', '=', 'purchase'],
        ['company_id', 'in', companyIds],
      ],
      ['id', 'name', 'code', 'company_id'],
      { order: 'sequence, id' },
    );
    for (const id of companyIds) {
      const journal = rows.find((j) => m2oId(j.company_id) === id);
      const name = byId.get(id)?.name ?? String(id);
      add(
        `Purchase journal of ${name}`,
        Boolean(journal),
        journal ? `${journal.code} ${journal.name} (id ${journal.id})` : 'none',
        `create a journal of type Purchase in ${name} (Accounting › Configuration › Journals): its store bills go there`,
      );
    }
  }

  private async taxes(add: Adder, companyIds: number[], byId: Map<number, Company>): Promise<void> {
    const rows = await this.odoo.searchRead<{
      id: number;
      name: string;
      type_tax_use: string;
      company_id: Many2one;
    }>(
      'account.tax',
      [
        ['amount_type', '=', 'percent'],
        ['price_include', '=', false],
        ['amount', '=', CONTRACT_VAT_RATE],
        ['type_tax_use', 'in', ['purchase', 'sale']],
      ],
      ['id', 'name', 'type_tax_use', 'company_id'],
      { order: 'sequence, id' },
    );
    for (const id of companyIds) {
      const name = byId.get(id)?.name ?? String(id);
      for (const use of ['purchase', 'sale'] as const) {
        const tax = rows.find((t) => m2oId(t.company_id) === id && t.type_tax_use === use);
        add(
          `${use === 'purchase' ? 'Purchase' : 'Sale'} tax ${CONTRACT_VAT_RATE} % of ${name}`,
          Boolean(tax),
          tax ? `${tax.name} (id ${tax.id})` : 'none',
          `create a ${use} tax of ${CONTRACT_VAT_RATE} % (percentage, not included in price) in ${name}`,
        );
      }
    }
  }

  private async analytic(add: Adder): Promise<void> {
    const code = this.config.odoo.analyticCode;
    const rows = await this.odoo.searchRead<{ id: number; name: string }>(
      'account.analytic.account',
      [['code', '=', code]],
      ['id', 'name'],
      { limit: 2 },
    );
    add(
      `Analytic account ${code}`,
      rows.length === 1,
      rows.length === 1
        ? `${rows[0].name} (id ${rows[0].id})`
        : rows.length === 0
          ? 'not found'
          : 'found twice',
      `set ODOO_ANALYTIC_CODE to the reference of the analytic account, or give one account the reference ${code}`,
    );
  }

  private async units(add: Adder): Promise<void> {
    const rows = await this.odoo.searchRead<{ id: number; name: string }>(
      'uom.uom',
      [['name', 'in', [...CONTRACT_UNITS]]],
      ['id', 'name'],
    );
    for (const unit of CONTRACT_UNITS) {
      const found = rows.filter((r) => r.name === unit);
      add(
        `Unit ${unit}`,
        found.length === 1,
        found.length === 1 ? `id ${found[0].id}` : found.length === 0 ? 'not found' : 'found twice',
        `the unit '${unit}' (Urcoopa ${unit === 't' ? 'TO' : unit === 'kg' ? 'KG' : 'UN'}) must exist once, active, under that exact name`,
      );
    }
  }

  private async services(add: Adder): Promise<void> {
    const rows = await this.odoo.searchRead<{ id: number; name: string }>(
      'product.product',
      [
        ['detailed_type', '=', 'service'],
        ['purchase_ok', '=', true],
      ],
      ['id', 'name'],
      { order: 'id' },
    );
    add(
      'Line-900 service products',
      rows.length > 0,
      rows.length > 0 ? rows.map((r) => r.name).join(', ') : 'no purchasable service product',
      'create the service products Urcoopa bills on line 900 (TRANSPORT…), named as on its invoices',
    );
  }

  private async mappedProducts(add: Adder): Promise<void> {
    const mappings = await this.dataSource.getRepository(ArticleMappingEntity).find();
    if (mappings.length === 0) return;
    const ids = [...new Set(mappings.map((m) => m.odooProductId))];
    const rows = await this.odoo.searchRead<{ id: number }>('product.product', [['id', 'in', ids]], ['id']);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    add(
      'Products chosen for unknown articles (sync_article_mapping)',
      missing.length === 0,
      missing.length === 0 ? `${ids.length} products found` : `missing or archived: ${missing.join(', ')}`,
      'choose another product for those articles on the unknowns page',
    );
  }

  private async purchaseRights(add: Adder): Promise<void> {
    const read = await this.accessRights('purchase.order', 'read');
    add(
      'Rights: read purchase orders',
      read,
      read ? 'granted' : 'refused',
      'give the API user the Purchase / User group',
    );
  }

  private async moveRights(add: Adder, companyId: number, name: string): Promise<void> {
    const opts = { companyIds: [companyId] };
    const create = await this.accessRights('account.move', 'create', opts);
    const read = await this.accessRights('account.move', 'read', opts);
    // A record rule check on an existing entry of the company, when there is one (nothing written).
    const [sample] = await this.odoo.search('account.move', [], { limit: 1, order: 'id desc', ...opts });
    let rule = true;
    if (sample !== undefined) {
      try {
        await this.odoo.call(
          'account.move',
          'check_access_rule',
          [sample],
          { operation: 'write' },
          { ...opts, returnsNone: true },
        );
      } catch (error) {
        if (!OdooError.is(error, OdooErrorCode.AccessError)) throw error;
        rule = false;
      }
    }
    const refused = [!create && 'create', !read && 'read', !rule && 'record rules'].filter(Boolean);
    add(
      `Rights: create and read journal entries in ${name}`,
      refused.length === 0,
      refused.length === 0 ? 'granted' : `refused: ${refused.join(', ')}`,
      `give the API user the Invoicing / Billing group and access to ${name}`,
    );
  }

  private async accessRights(
    model: string,
    operation: string,
    opts: { companyIds?: number[] } = {},
  ): Promise<boolean> {
    try {
      return (
        (await this.odoo.execute<boolean>(
          model,
          'check_access_rights',
          [operation],
          { raise_exception: false },
          opts,
        )) === true
      );
    } catch (error) {
      if (OdooError.is(error, OdooErrorCode.AccessError)) return false;
      throw error;
    }
  }

  private async clockPoints(points: ContractPoint[], odooTz: string | null): Promise<void> {
    const add = point(points, 'clock');
    try {
      const started = Date.now();
      const res = await fetch(`${this.config.odoo.url.replace(/\/+$/, '')}/xmlrpc/2/common`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: '<?xml version="1.0"?><methodCall><methodName>version</methodName><params></params></methodCall>',
        signal: AbortSignal.timeout(this.config.odoo.timeoutMs),
      });
      await res.arrayBuffer();
      const header = res.headers.get('date');
      const odooTime = header ? Date.parse(header) : NaN;
      if (Number.isNaN(odooTime)) {
        add(
          'Odoo clock',
          false,
          'Odoo’s answer has no Date header',
          'let the proxy in front of Odoo pass the Date header',
        );
      } else {
        // The Date header has a one-second resolution; compare with the middle of the request.
        const ours = (started + Date.now()) / 2;
        const skew = Math.round((odooTime - ours) / 1000);
        add(
          'Odoo clock',
          Math.abs(skew) <= MAX_CLOCK_SKEW_SECONDS,
          `Odoo ${new Date(odooTime).toISOString()}, ours ${new Date(ours).toISOString()} (difference ${skew} s, at most ${MAX_CLOCK_SKEW_SECONDS} s)`,
          'synchronise both servers’ clocks (NTP)',
        );
      }
    } catch (error) {
      add('Odoo clock', false, message(error), 'check URL_ODOO');
    }
    const zone = this.config.businessTimeZone;
    add(
      'Business time zone',
      odooTz === zone,
      `ours ${zone}, the API user’s in Odoo ${odooTz ?? 'unset'}`,
      `set the API user’s time zone to ${zone} in Odoo (Preferences), or BUSINESS_TIME_ZONE to the zone Sicalait works in`,
    );
  }

  private async urcoopaPoints(points: ContractPoint[]): Promise<void> {
    const add = point(points, 'urcoopa');
    let operations: Record<string, string[]>;
    try {
      operations = await this.urcoopa.describeOperations();
      add('Urcoopa WSDL reachable', true, Object.keys(operations).join(', ') || 'no operation');
    } catch (error) {
      add('Urcoopa WSDL reachable', false, message(error), 'check MY_URCOOPA_URL (or URCOOPA_ENDPOINT)');
      return;
    }
    for (const [operation, params] of Object.entries(URCOOPA_OPERATIONS)) {
      const found = operations[operation];
      const missing = found ? params.filter((p) => !found.includes(p)) : params;
      add(
        `Urcoopa operation ${operation}(${params.join(', ')})`,
        Boolean(found) && missing.length === 0,
        !found
          ? 'absent from the WSDL'
          : missing.length
            ? `parameters missing: ${missing.join(', ')}`
            : 'present',
        'Urcoopa’s WS_Sicalait changed: tell the service’s maintainers (src/urcoopa/urcoopa.client.ts)',
      );
    }
    try {
      const day = this.clock.today();
      await this.urcoopa.getInvoices(1, day);
      add('Urcoopa key accepted', true, `Get_Factures of ${day} answered`);
    } catch (error) {
      const refused = error instanceof UrcoopaError && error.code === UrcoopaErrorCode.AuthFailed;
      add(
        'Urcoopa key accepted',
        false,
        message(error),
        refused
          ? 'set API_KEY_URCOOPA to the key Urcoopa gave Sicalait'
          : 'check MY_URCOOPA_URL and the network to Urcoopa',
      );
    }
  }
}

type Adder = (name: string, ok: boolean, detail: string, fix?: string) => void;

function point(points: ContractPoint[], area: ContractArea): Adder {
  return (name, ok, detail, fix) => points.push({ area, name, ok, detail, fix: ok ? null : (fix ?? null) });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fixFor(error: unknown): string {
  if (OdooError.is(error, OdooErrorCode.AccessError)) return 'give the API user read access to this model';
  return 'see the message; the check stops this group here';
}

/** The server's origin only: a URL may carry credentials. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url ? '(invalid URL_ODOO)' : '(URL_ODOO unset)';
  }
}
