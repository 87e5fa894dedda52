import { Injectable } from '@nestjs/common';
import { OdooClient } from '../odoo/odoo.client';
import type { Many2one } from '../odoo/odoo.types';
import { OdooIntentService } from '../odoo-sync/odoo-intent.service';
import type { OdooIntentOutcome, OdooIntentRequest, OdooIntentSpec } from '../odoo-sync/odoo-intent.types';

export interface PoToBill {
  id: number;
  name: string;
  companyId: number;
}

/** The intent kind of "the draft bill of a PO": one per PO name, whatever job asks for it. */
export const PO_BILL_KIND = 'po-bill';

/**
 * The draft vendor bill of a purchase order made by Odoo itself (action_create_invoice: lines linked
 * to the PO lines, so Odoo computes the PO's billing status), exactly once per PO through the one
 * exactly-once mechanism. No marker can be stored by action_create_invoice, so earlier attempts are
 * found through the PO's own bills (invoice_ids): a PO that has a bill never gets a second one.
 */
@Injectable()
export class PoBillService {
  constructor(
    private readonly odoo: OdooClient,
    private readonly intents: OdooIntentService,
  ) {}

  async ensureBills(pos: PoToBill[], signal?: AbortSignal): Promise<Map<string, OdooIntentOutcome>> {
    const byName = new Map(pos.map((po) => [po.name, po]));
    const spec: OdooIntentSpec = {
      kind: PO_BILL_KIND,
      model: 'account.move',
      findExisting: (requests) => this.billsOf(requests.map((r) => byName.get(r.businessKey)!)),
      createOne: (request) => this.createBill(byName.get(request.businessKey)!),
      // createOne makes one bill per call: one request per batch.
      batchSize: 1,
    };
    const requests: OdooIntentRequest[] = pos.map((po) => ({
      businessKey: po.name,
      companyId: po.companyId,
      values: {},
    }));
    const outcomes = await this.intents.ensure(spec, requests, signal);
    return new Map(outcomes.map((o) => [o.businessKey, o]));
  }

  /** PO name → its vendor bills that are not cancelled. */
  private async billsOf(pos: PoToBill[]): Promise<Map<string, number[]>> {
    const rows = await this.odoo.read<{ id: number; name: string; invoice_ids: number[] }>(
      'purchase.order',
      pos.map((po) => po.id),
      ['id', 'name', 'invoice_ids'],
    );
    const moveIds = rows.flatMap((r) => r.invoice_ids);
    const moves = moveIds.length
      ? await this.odoo.read<{ id: number; state: string; move_type: string; company_id: Many2one }>(
          'account.move',
          moveIds,
          ['id', 'state', 'move_type', 'company_id'],
        )
      : [];
    const live = new Set(
      moves.filter((m) => m.state !== 'cancel' && m.move_type === 'in_invoice').map((m) => m.id),
    );
    return new Map(rows.map((r) => [r.name, r.invoice_ids.filter((id) => live.has(id))]));
  }

  private async createBill(po: PoToBill): Promise<number> {
    const action = await this.odoo.call<{ res_id?: number; domain?: unknown }>(
      'purchase.order',
      'action_create_invoice',
      [po.id],
      {},
      { companyIds: [po.companyId] },
    );
    if (!action || typeof action.res_id !== 'number' || action.res_id <= 0)
      throw new Error(
        `action_create_invoice on ${po.name} did not answer one bill (${JSON.stringify(action)})`,
      );
    return action.res_id;
  }
}
