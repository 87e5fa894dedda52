import { Injectable } from '@nestjs/common';
import type { RecordError } from '../jobs/job-run.entity';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { m2oId, type Many2one } from '../odoo/odoo.types';
import { OrdersErrorCode } from './orders.error';
import type { PoToBill } from './po-bill.service';

export interface DropshipPo extends PoToBill {
  /** Its drop-ship pickings not yet done (stock.picking ids, never PO ids). */
  openPickingIds: number[];
}

interface PickingRow {
  id: number;
  purchase_id: Many2one;
  state: string;
  picking_type_code: string | false;
}

/**
 * The drop-ship half of job 3: Urcoopa delivered straight to the member or store and billed it, so
 * the PO's drop-ship picking is validated (the goods were received) and its lines are billed. When
 * the Urcoopa invoice already has its vendor bill in Odoo (made by the member or store jobs), that
 * bill's lines are linked to the PO lines rather than making a second bill for the same goods.
 */
@Injectable()
export class DropshipLinker {
  constructor(
    private readonly odoo: OdooClient,
    private readonly catalog: OdooCatalogService,
  ) {}

  /** Confirmed URCOOPA POs of these names, not billed yet, delivered by a drop-ship picking. */
  async candidates(poNames: string[]): Promise<DropshipPo[]> {
    if (poNames.length === 0) return [];
    const partnerId = await this.catalog.urcoopaPartnerId();
    const pos = await this.odoo.searchReadIn<{ id: number; name: string; company_id: Many2one }>(
      'purchase.order',
      'name',
      poNames,
      ['id', 'name', 'company_id'],
      [
        ['partner_id', '=', partnerId],
        ['state', '=', 'purchase'],
        // 'to invoice' once received by an earlier run and still waiting for its Urcoopa bill.
        ['invoice_status', 'in', ['no', 'to invoice']],
      ],
    );
    if (pos.length === 0) return [];
    const pickings = await this.odoo.searchReadIn<PickingRow>(
      'stock.picking',
      'purchase_id',
      pos.map((po) => po.id),
      ['id', 'purchase_id', 'state', 'picking_type_code'],
    );
    const out: DropshipPo[] = [];
    for (const po of pos) {
      const own = pickings.filter(
        (p) => m2oId(p.purchase_id) === po.id && p.picking_type_code === 'dropship',
      );
      if (own.length === 0) continue;
      out.push({
        id: po.id,
        name: po.name,
        companyId: m2oId(po.company_id) ?? 0,
        openPickingIds: own.filter((p) => p.state !== 'done' && p.state !== 'cancel').map((p) => p.id),
      });
    }
    return out;
  }

  /** Validates the open drop-ship pickings of these POs in one call. */
  async receive(pos: DropshipPo[], errors: RecordError[]): Promise<void> {
    const pickingIds = pos.flatMap((po) => po.openPickingIds);
    if (pickingIds.length === 0) return;
    try {
      await this.odoo.call(
        'stock.picking',
        'button_validate',
        pickingIds,
        {},
        { companyIds: companies(pos) },
      );
    } catch (error) {
      for (const po of pos.filter((p) => p.openPickingIds.length > 0))
        errors.push({
          record: po.name,
          field: 'picking_ids',
          code: OrdersErrorCode.SwitchFailed,
          message: `Réception directe de ${po.name} non validée : ${(error as Error).message}`,
        });
    }
  }

  /**
   * Links the lines of the Odoo bills of the Urcoopa invoices referencing each PO to the PO's lines
   * (same product, not linked yet). Returns PO name → bill id for the POs so linked.
   */
  async linkToUrcoopaBills(
    pos: DropshipPo[],
    invoicesByPo: Map<string, string[]>,
    errors: RecordError[],
  ): Promise<Map<string, number>> {
    const linked = new Map<string, number>();
    const numbers = [...new Set(pos.flatMap((po) => invoicesByPo.get(po.name) ?? []))];
    if (numbers.length === 0) return linked;
    const partnerId = await this.catalog.urcoopaPartnerId();
    const opts = { companyIds: companies(pos) };
    const bills = await this.odoo.searchReadIn<{ id: number; ref: string | false; company_id: Many2one }>(
      'account.move',
      'ref',
      numbers,
      ['id', 'ref', 'company_id'],
      [
        ['move_type', '=', 'in_invoice'],
        ['partner_id', '=', partnerId],
        ['state', '!=', 'cancel'],
      ],
      opts,
    );
    if (bills.length === 0) return linked;
    const billLines = await this.odoo.searchReadIn<{
      id: number;
      move_id: Many2one;
      product_id: Many2one;
      purchase_line_id: Many2one;
    }>(
      'account.move.line',
      'move_id',
      bills.map((b) => b.id),
      ['id', 'move_id', 'product_id', 'purchase_line_id'],
      [['display_type', '=', 'product']],
      opts,
    );
    const poLines = await this.catalog.purchaseOrderLines(
      pos.map((po) => po.id),
      opts,
    );
    for (const po of pos) {
      const refs = new Set(invoicesByPo.get(po.name) ?? []);
      const own = bills.filter((b) => refs.has(String(b.ref)) && m2oId(b.company_id) === po.companyId);
      if (own.length === 0) continue;
      const free = billLines.filter((l) => own.some((b) => b.id === m2oId(l.move_id)) && !l.purchase_line_id);
      // Billed already: never a second bill for these goods, even if a link below fails.
      linked.set(po.name, own[0].id);
      try {
        for (const line of poLines.filter((l) => l.orderId === po.id && l.productId !== null)) {
          if (billLines.some((b) => m2oId(b.purchase_line_id) === line.id)) continue;
          const match = free.find((b) => m2oId(b.product_id) === line.productId);
          if (!match) continue;
          free.splice(free.indexOf(match), 1);
          await this.odoo.write('account.move.line', [match.id], { purchase_line_id: line.id }, opts);
        }
      } catch (error) {
        errors.push({
          record: po.name,
          code: OrdersErrorCode.SwitchFailed,
          message: `Liaison de ${po.name} à la facture Odoo ${own[0].id} impossible : ${(error as Error).message}`,
        });
      }
    }
    return linked;
  }
}

function companies(pos: PoToBill[]): number[] {
  return [...new Set(pos.map((po) => po.companyId))];
}
