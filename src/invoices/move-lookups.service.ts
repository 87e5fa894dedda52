import { Inject, Injectable } from '@nestjs/common';
import type { Decimal } from '../common/money';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import type { OdooPurchaseOrder, OdooUoms } from '../odoo/odoo.types';
import type { InvoiceLineEntity } from './entities/invoice-line.entity';
import type { MoveContext, MoveSide } from './odoo-move.builder';
import { purchaseOrderNames } from './odoo-move.builder';
import type { UrcoopaInvoiceRows } from './urcoopa-invoice';

/** Reference data of one run, fetched in a constant number of calls whatever the number of invoices. */
export interface MoveLookups {
  urcoopaPartnerId: number;
  sicalaitCompanyId: number;
  uoms: OdooUoms;
  analyticAccountId: number;
  taxRounding(companyId: number): string;
  taxId(companyId: number, rate: Decimal, use: 'purchase' | 'sale'): number | null;
  purchaseOrder(name: string): OdooPurchaseOrder | undefined;
  /** The first line of that PO with that product. */
  purchaseLineId(orderName: string | null, productId: number | null): number | null;
}

@Injectable()
export class MoveLookupsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalog: OdooCatalogService,
    private readonly odoo: OdooClient,
  ) {}

  /** Loads everything the moves of these invoices need (companies: those the moves go to). */
  async load(
    invoices: UrcoopaInvoiceRows[],
    companyIds: number[],
    withPurchaseOrders: boolean,
  ): Promise<MoveLookups> {
    this.catalog.beginRun();
    const [urcoopaPartnerId, sicalaitCompanyId, uoms, analyticAccountId] = await Promise.all([
      this.catalog.urcoopaPartnerId(),
      this.catalog.sicalaitCompanyId(),
      this.catalog.uoms(),
      this.catalog.analyticAccountId(this.config.odoo.analyticCode),
    ]);
    const companies = [...new Set([...companyIds, sicalaitCompanyId])];
    const rates = [
      ...new Map(
        invoices
          .flatMap((i) => i.lines.map((l) => l.Taux_TVA))
          .filter((r): r is Decimal => r !== null)
          .map((r) => [r.toString(), r]),
      ).values(),
    ];
    const taxes = new Map<string, number | null>();
    for (const use of ['purchase', 'sale'] as const) {
      for (const companyId of companies) {
        for (const rate of rates) {
          // One account.tax read for the whole run (the catalog caches it).
          const found = await this.catalog.taxesByRate(companyId, rate, use);
          taxes.set(taxKey(companyId, rate, use), found[0]?.id ?? null);
        }
      }
    }
    // search_read, not read: a company the API user lacks is simply absent (its moves fail alone).
    const rounding = await this.odoo.searchRead<{
      id: number;
      tax_calculation_rounding_method: string | false;
    }>('res.company', [['id', 'in', companies]], ['tax_calculation_rounding_method']);
    const names = withPurchaseOrders ? [...new Set(invoices.flatMap(purchaseOrderNames))] : [];
    const orders = names.length ? await this.catalog.purchaseOrdersByNames(names) : [];
    const lines = orders.length ? await this.catalog.purchaseOrderLines(orders.map((o) => o.id)) : [];
    const orderByName = new Map(orders.map((o) => [o.name, o]));
    const lineByOrderProduct = new Map<string, number>();
    for (const line of [...lines].sort((a, b) => a.id - b.id)) {
      const key = `${line.orderId}:${line.productId}`;
      if (line.productId !== null && !lineByOrderProduct.has(key)) lineByOrderProduct.set(key, line.id);
    }
    return {
      urcoopaPartnerId,
      sicalaitCompanyId,
      uoms,
      analyticAccountId,
      taxRounding: (companyId) =>
        rounding.find((r) => r.id === companyId)?.tax_calculation_rounding_method || 'round_per_line',
      taxId: (companyId, rate, use) => taxes.get(taxKey(companyId, rate, use)) ?? null,
      purchaseOrder: (name) => orderByName.get(name),
      purchaseLineId: (orderName, productId) => {
        const order = orderName ? orderByName.get(orderName) : undefined;
        return order && productId ? (lineByOrderProduct.get(`${order.id}:${productId}`) ?? null) : null;
      },
    };
  }

  /** The MoveContext of one invoice's move. */
  context(
    lookups: MoveLookups,
    invoice: UrcoopaInvoiceRows,
    side: MoveSide,
    companyId: number,
    partnerId: number,
    withPurchaseLines: boolean,
  ): MoveContext {
    const use = side === 'vendor' ? 'purchase' : 'sale';
    const origins = purchaseOrderNames(invoice);
    return {
      side,
      partnerId,
      companyId,
      uoms: lookups.uoms,
      taxId: (company, rate) => lookups.taxId(company, rate, use),
      analyticAccountId: lookups.analyticAccountId,
      analyticPercentage: this.config.business.analyticPercentage,
      priceCoefficient: side === 'customer' ? this.config.business.coefficient : undefined,
      purchaseLineId: withPurchaseLines
        ? (line: InvoiceLineEntity) => lookups.purchaseLineId(line.Numero_Commande_ODOO, line.ID_Produit_ODOO)
        : undefined,
      origin: origins.length ? origins.join(', ') : null,
      taxRounding: lookups.taxRounding(companyId),
    };
  }
}

const taxKey = (companyId: number, rate: Decimal, use: string) => `${companyId}:${use}:${rate.toString()}`;
