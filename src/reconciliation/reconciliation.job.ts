import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { dec, round2, type Decimal } from '../common/money';
import { DateTime } from 'luxon';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DeliveryLineEntity } from '../invoices/entities/delivery-line.entity';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { OdooClient } from '../odoo/odoo.client';
import { PURCHASE_LINE_FIELDS, type PurchaseOrderLineRow } from '../odoo/odoo-purchase.queries';
import { dayOf } from '../web/view/sql-values';
import { m2oId, m2oName, orNull, type Many2one } from '../odoo/odoo.types';
import { SentOrderEntity } from '../orders/entities/sent-order.entity';
import { DiscrepancyEntity } from './entities/discrepancy.entity';
import { ReconciliationLineEntity } from './entities/reconciliation-line.entity';
import { ReconciliationOrderEntity } from './entities/reconciliation-order.entity';
import {
  DISCREPANCY_KINDS,
  reconcile,
  type DeliveryFacts,
  type Discrepancy,
  type InvoiceFacts,
  type MatchInput,
  type PoFacts,
  type PoLineFacts,
  type SentOrderFacts,
} from './matching-rules';

interface PoRow {
  id: number;
  name: string;
  partner_ref: string | false;
  company_id: Many2one;
  state: string;
  date_order: string | false;
  date_approve: string | false;
}

export const PO_FIELDS = ['id', 'name', 'partner_ref', 'company_id', 'state', 'date_order', 'date_approve'];
const INSERT_CHUNK = 500;

function sameFigure(a: Decimal | null, b: Decimal | null): boolean {
  if (a === null || b === null) return a === b;
  return a.toDecimalPlaces(4).eq(b.toDecimalPlaces(4));
}

/** Separated list stored so that `LIKE '%,n,%'` finds one number. */
export const joinNumbers = (values: string[]) => (values.length > 0 ? `,${values.join(',')},` : null);

/**
 * Job rapprochement (issue 15): every order known from any side (orders sent, deliveries, invoices)
 * matched with its PO in Odoo line by line; the chains and the discrepancies are stored for the pages.
 * Odoo is read in two calls whatever the number of orders (POs by name or Gesica ref, then their lines).
 */
@SyncJob('rapprochement')
@Injectable()
export class ReconciliationJob implements JobHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly odoo: OdooClient,
    private readonly clock: BusinessClock,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const input = await this.loadFacts();
    context.progress(1, 3);
    const settings = this.config.reconciliation;
    const result = reconcile(input, {
      qtyTolerancePct: settings.qtyTolerancePct,
      priceTolerancePct: settings.priceTolerancePct,
      invoiceDays: settings.invoiceDays,
      deliveryDays: settings.deliveryDays,
      today: this.clock.today(),
    });
    context.progress(2, 3);
    const written = await this.dataSource.transaction((em) =>
      this.write(em, result.orders, result.discrepancies),
    );
    context.progress(3, 3);
    const byKind = Object.fromEntries(
      DISCREPANCY_KINDS.map((k) => [k, result.discrepancies.filter((d) => d.kind === k).length]),
    );
    return {
      counts: {
        read: result.orders.length,
        created: written.created,
        updated: written.updated,
        unchanged: written.unchanged,
        skipped: written.deleted,
      },
      details: {
        orders: result.orders.length,
        lines: result.orders.reduce((n, o) => n + o.lines.length, 0),
        discrepancies: result.discrepancies.length,
        byKind,
        deleted: written.deleted,
        reopened: written.reopened,
      },
    };
  }

  /** Our tables, then Odoo: the POs named by any side (one call) and their lines (one call). */
  async loadFacts(): Promise<MatchInput> {
    const sentRows = await this.dataSource.getRepository(SentOrderEntity).find({
      select: ['Numero_Commande', 'Code_Client', 'date_envoi_commande', 'odoo_po_name'],
      where: { status: In(['sent', 'already_received']) },
    });
    const deliveryRows = await this.dataSource.getRepository(DeliveryLineEntity).find({
      select: [
        'Numero_BL',
        'Numero_Ligne_BL',
        'Date_BL',
        'Code_Client',
        'Code_Produit',
        'Libelle_Produit',
        'Quantite_Livree',
        'Numero_Commande',
        'Numero_Ligne_Commande',
        'Numero_Facture',
      ],
    });
    const invoiceRows = await this.dataSource.getRepository(InvoiceLineEntity).find({
      select: [
        'Numero_Facture',
        'Numero_Ligne_Facture',
        'Type_Facture',
        'Date_Facture',
        'Code_Client',
        'Code_Produit',
        'Libelle_Produit',
        'ID_Produit_ODOO',
        'Unite_Facturee',
        'Prix_Unitaire',
        'Quantite_Facturee',
        'Montant_HT_Ligne',
        'poid_unit_odoo',
        'Numero_BL',
        'Numero_Ligne_BL',
        'Numero_Commande_Client',
      ],
    });
    const sentOrders: SentOrderFacts[] = sentRows.map((s) => ({
      numero: s.Numero_Commande,
      codeClient: s.Code_Client,
      sentDay: s.date_envoi_commande
        ? DateTime.fromJSDate(new Date(s.date_envoi_commande)).setZone(this.clock.zone).toISODate()
        : null,
    }));
    const deliveries: DeliveryFacts[] = deliveryRows.map((d) => ({
      numeroBl: d.Numero_BL,
      ligneBl: d.Numero_Ligne_BL,
      dateBl: dayOf(d.Date_BL),
      codeClient: d.Code_Client,
      codeProduit: d.Code_Produit,
      libelle: d.Libelle_Produit,
      qty: d.Quantite_Livree,
      numeroCommande: d.Numero_Commande?.trim() || null,
      ligneCommande: d.Numero_Ligne_Commande,
      numeroFacture: d.Numero_Facture,
    }));
    const invoices: InvoiceFacts[] = invoiceRows.map((i) => ({
      numeroFacture: i.Numero_Facture,
      ligne: i.Numero_Ligne_Facture,
      type: i.Type_Facture,
      dateFacture: dayOf(i.Date_Facture),
      codeClient: i.Code_Client,
      codeProduit: i.Code_Produit,
      libelle: i.Libelle_Produit,
      productId: i.ID_Produit_ODOO,
      unit: i.Unite_Facturee,
      price: i.Prix_Unitaire,
      qty: i.Quantite_Facturee,
      amount: i.Montant_HT_Ligne,
      weightKg: i.poid_unit_odoo,
      numeroBl: i.Numero_BL,
      ligneBl: i.Numero_Ligne_BL,
      numeroCommande: i.Numero_Commande_Client?.trim() || null,
    }));

    const numbers = new Set<string>([
      ...sentOrders.map((s) => s.numero),
      ...deliveries.map((d) => d.numeroCommande).filter((n): n is string => !!n),
      ...invoices
        .filter((i) => i.codeProduit !== null && i.ligne !== 900)
        .map((i) => i.numeroCommande)
        .filter((n): n is string => !!n),
    ]);
    const { purchaseOrders, poLines } = await this.readOdoo([...numbers].sort());
    return { purchaseOrders, poLines, deliveries, invoices, sentOrders };
  }

  private async readOdoo(numbers: string[]): Promise<{ purchaseOrders: PoFacts[]; poLines: PoLineFacts[] }> {
    if (numbers.length === 0) return { purchaseOrders: [], poLines: [] };
    // One call for every order, whatever their number: the chunking of searchReadIn would make the
    // count grow with the orders.
    const poRows = await this.odoo.searchRead<PoRow>(
      'purchase.order',
      ['|', ['name', 'in', numbers], ['partner_ref', 'in', numbers.map((n) => `GESICA${n}`)]],
      PO_FIELDS,
      { order: 'id' },
    );
    const purchaseOrders: PoFacts[] = poRows
      .filter((po) => po.state !== 'cancel')
      .map((po) => {
        const when = orNull(po.date_approve) ?? orNull(po.date_order);
        return {
          id: po.id,
          name: po.name,
          partnerRef: orNull(po.partner_ref),
          companyId: m2oId(po.company_id) ?? 0,
          state: po.state,
          orderDay: when ? this.clock.dayOfOdooDatetime(when.slice(0, 19)) : null,
        };
      });
    if (purchaseOrders.length === 0) return { purchaseOrders, poLines: [] };
    const lineRows = await this.odoo.searchRead<PurchaseOrderLineRow>(
      'purchase.order.line',
      [['order_id', 'in', purchaseOrders.map((p) => p.id)]],
      PURCHASE_LINE_FIELDS,
      { order: 'order_id, sequence, id' },
    );
    const poLines: PoLineFacts[] = lineRows.map((l) => ({
      id: l.id,
      orderId: m2oId(l.order_id) ?? 0,
      productId: m2oId(l.product_id),
      name: orNull(l.name) ?? '',
      isNote: !!l.display_type,
      productQty: dec(String(l.product_qty)),
      uomName: m2oName(l.product_uom),
      priceUnit: dec(String(l.price_unit)),
      qtyReceived: dec(String(l.qty_received)),
      qtyInvoiced: dec(String(l.qty_invoiced)),
    }));
    return { purchaseOrders, poLines };
  }

  private async write(
    em: EntityManager,
    orders: ReturnType<typeof reconcile>['orders'],
    found: Discrepancy[],
  ): Promise<{ created: number; updated: number; unchanged: number; deleted: number; reopened: number }> {
    const now = new Date();
    await em.createQueryBuilder().delete().from(ReconciliationLineEntity).execute();
    await em.createQueryBuilder().delete().from(ReconciliationOrderEntity).execute();
    const orderRows = orders.map((o) => ({
      order_number: o.orderNumber,
      po_name: o.poName,
      po_id: o.poId,
      company_id: o.companyId,
      code_client: o.codeClient,
      order_day: o.orderDay,
      sent_day: o.sentDay,
      waiting_delivery: o.waitingDelivery ? 1 : 0,
      waiting_invoice: o.waitingInvoice ? 1 : 0,
      unknown: o.unknown ? 1 : 0,
      ordered_amount: round2(o.orderedAmount),
      invoiced_amount: round2(o.invoicedAmount),
      line_count: o.lines.length,
      updated_at: now,
    }));
    const lineRows = orders.flatMap((o) =>
      o.lines.map((l) => ({
        order_number: o.orderNumber,
        po_line_id: l.poLineId,
        line_number: l.lineNumber,
        product_id: l.productId,
        label: l.label.slice(0, 255),
        unit: l.unit,
        price_unit: l.priceUnit,
        ordered: l.ordered,
        delivered: l.delivered,
        received: l.received,
        invoiced: l.invoiced,
        billed: l.billed,
        invoice_price: l.invoicePrice,
        invoice_numbers: l.invoiceNumbers.join(',') || null,
        bl_numbers: l.blNumbers.join(',') || null,
      })),
    );
    for (let i = 0; i < orderRows.length; i += INSERT_CHUNK)
      await em.insert(ReconciliationOrderEntity, orderRows.slice(i, i + INSERT_CHUNK));
    for (let i = 0; i < lineRows.length; i += INSERT_CHUNK)
      await em.insert(ReconciliationLineEntity, lineRows.slice(i, i + INSERT_CHUNK));

    const repo = em.getRepository(DiscrepancyEntity);
    const existing = new Map(
      (
        await repo.find({
          select: ['id', 'discrepancy_key', 'status', 'difference', 'expected', 'actual', 'amount'],
        })
      ).map((e) => [e.discrepancy_key, e]),
    );
    const seen = new Set<string>();
    const inserts: Partial<DiscrepancyEntity>[] = [];
    let updated = 0;
    let unchanged = 0;
    let reopened = 0;
    for (const d of found) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      const values = {
        kind: d.kind,
        order_number: d.orderNumber,
        po_name: d.poName,
        po_line_id: d.poLineId,
        line_number: d.lineNumber,
        product_code: d.productCode,
        label: d.label?.slice(0, 255) ?? null,
        unit: d.unit,
        expected: d.expected,
        actual: d.actual,
        difference: d.difference,
        amount: d.amount,
        invoice_numbers: joinNumbers(d.invoiceNumbers),
        bl_numbers: joinNumbers(d.blNumbers),
        message: d.message,
        updated_at: now,
      };
      const old = existing.get(d.key);
      if (!old) {
        inserts.push({ ...values, discrepancy_key: d.key, status: 'open', detected_at: now });
        continue;
      }
      const same =
        sameFigure(old.difference, d.difference) &&
        sameFigure(old.expected, d.expected) &&
        sameFigure(old.actual, d.actual);
      if (same) {
        unchanged++;
        continue;
      }
      // Figures changed: what was accepted was another discrepancy; staff look again.
      const reopen = old.status === 'accepted';
      if (reopen) reopened++;
      await repo.update(
        { id: old.id },
        reopen ? { ...values, status: 'open', accepted_by: null, accepted_at: null } : values,
      );
      updated++;
    }
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK)
      await repo.insert(inserts.slice(i, i + INSERT_CHUNK));
    const gone = [...existing.values()].filter((e) => !seen.has(e.discrepancy_key)).map((e) => e.id);
    for (let i = 0; i < gone.length; i += INSERT_CHUNK)
      await repo.delete({ id: In(gone.slice(i, i + INSERT_CHUNK)) });
    return { created: inserts.length, updated, unchanged, deleted: gone.length, reopened };
  }
}
