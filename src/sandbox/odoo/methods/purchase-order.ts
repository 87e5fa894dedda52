import Decimal from 'decimal.js';
import { userError } from '../errors';
import type { OdooRecord } from '../fields';
import { NONE, type ModelMethod } from '../models/model';
import { poLines, qtyToInvoice } from '../models/purchase';
import type { Env, Orm } from '../orm';
import { createOne } from '../orm-write';

/** purchase_stock's _create_picking: one receipt (or dropship) per confirmed PO with goods. */
function createPicking(orm: Orm, env: Env, po: OdooRecord): void {
  const goods = poLines(orm, po).some((l) => {
    const product = orm.get('product.product', l.product_id as number);
    const tmpl = product && orm.get('product.template', product.product_tmpl_id as number);
    return tmpl && tmpl.type !== 'service';
  });
  if (!goods || orm.all('stock.picking').some((p) => p.purchase_id === po.id)) return;
  createOne(
    orm,
    { ...env, companyIds: [po.company_id as number], companyId: po.company_id as number },
    'stock.picking',
    {
      picking_type_id: po.picking_type_id,
      origin: po.name,
      purchase_id: po.id,
      partner_id: po.partner_id,
      state: 'assigned',
      scheduled_date: po.date_planned || po.date_order,
    },
  );
}

function confirm(orm: Orm, env: Env, ids: number[]): true {
  for (const po of orm.browse(env, 'purchase.order', ids, 'write')) {
    if (po.state !== 'draft' && po.state !== 'sent') continue;
    Object.assign(po, { state: 'purchase', date_approve: orm.now(), write_date: orm.now() });
    createPicking(orm, env, po);
  }
  return true;
}

/** purchase.order.action_create_invoice (Odoo 17): one draft bill per (company, partner, currency). */
function createInvoice(orm: Orm, env: Env, ids: number[]): Record<string, unknown> {
  const pos = orm.browse(env, 'purchase.order', ids, 'read');
  const groups = new Map<string, { po: OdooRecord; lines: unknown[]; origins: string[]; refs: string[] }>();
  for (const po of pos) {
    if (orm.value('purchase.order', po, 'invoice_status') !== 'to invoice') continue;
    const lines: unknown[] = [];
    let pendingSection: OdooRecord | undefined;
    for (const line of poLines(orm, po)) {
      if (line.display_type === 'line_section') {
        pendingSection = line;
        continue;
      }
      const qty = qtyToInvoice(orm, line);
      if (new Decimal(qty).toDecimalPlaces(2).isZero()) continue;
      if (pendingSection) {
        lines.push([
          0,
          0,
          { display_type: 'line_section', name: pendingSection.name, sequence: lines.length + 10 },
        ]);
        pendingSection = undefined;
      }
      const vals: Record<string, unknown> = {
        display_type: 'product',
        name: `${String(po.name)}: ${String(line.name)}`,
        product_id: line.product_id,
        product_uom_id: line.product_uom,
        quantity: qty,
        price_unit: line.price_unit,
        tax_ids: [[6, 0, (line.taxes_id as number[] | undefined) ?? []]],
        purchase_line_id: line.id,
        sequence: lines.length + 10,
      };
      if (line.analytic_distribution) vals.analytic_distribution = line.analytic_distribution;
      lines.push([0, 0, vals]);
    }
    if (!lines.length) continue;
    const key = `${String(po.company_id)}-${String(po.partner_id)}-${String(po.currency_id)}`;
    const group = groups.get(key) ?? { po, lines: [], origins: [], refs: [] };
    group.lines.push(...lines);
    group.origins.push(String(po.name));
    if (po.partner_ref) group.refs.push(String(po.partner_ref));
    groups.set(key, group);
  }
  if (!groups.size) {
    throw userError(
      'There is no invoiceable line. If a product has a control policy based on received quantity, ' +
        'please make sure that a quantity has been received.',
    );
  }
  const moveIds: number[] = [];
  for (const { po, lines, origins, refs } of groups.values()) {
    const companyEnv = {
      ...env,
      companyId: po.company_id as number,
      context: { ...env.context, default_move_type: 'in_invoice' },
    };
    moveIds.push(
      createOne(orm, companyEnv, 'account.move', {
        move_type: 'in_invoice',
        ref: [...new Set(refs)].join(', ').slice(0, 2000),
        narration: po.notes ?? false,
        currency_id: po.currency_id,
        partner_id: po.partner_id,
        payment_reference: refs.length === 1 ? refs[0] : '',
        invoice_origin: [...new Set(origins)].join(', '),
        invoice_line_ids: lines,
        company_id: po.company_id,
      }),
    );
  }
  return invoiceAction(moveIds);
}

/** action_view_invoice's answer: the 'account.action_move_in_invoice_type' window action. */
function invoiceAction(moveIds: number[]): Record<string, unknown> {
  const action: Record<string, unknown> = {
    id: 236,
    xml_id: 'account.action_move_in_invoice_type',
    name: 'Bills',
    display_name: 'Bills',
    type: 'ir.actions.act_window',
    res_model: 'account.move',
    binding_type: 'action',
    binding_view_types: 'list,form',
    view_mode: 'tree,kanban,form,activity',
    target: 'current',
    domain: "[('move_type', '=', 'in_invoice')]",
    context: "{'default_move_type': 'in_invoice'}",
    limit: 80,
    filter: false,
    usage: false,
    view_id: false,
    res_id: 0,
    search_view_id: [772, 'account.move.select'],
    views: [
      [false, 'tree'],
      [false, 'kanban'],
      [false, 'form'],
      [false, 'activity'],
    ],
  };
  if (moveIds.length > 1) action.domain = [['id', 'in', moveIds]];
  else {
    action.views = [[1188, 'form'], ...(action.views as [unknown, string][]).filter(([, v]) => v !== 'form')];
    action.res_id = moveIds[0];
  }
  return action;
}

export const purchaseMethods: Record<string, ModelMethod> = {
  button_confirm: { params: [], multi: true, run: (orm, env, ids) => confirm(orm, env, ids) },
  button_approve: { params: ['force'], multi: true, run: (orm, env, ids) => confirm(orm, env, ids) },
  action_create_invoice: { params: [], multi: true, run: (orm, env, ids) => createInvoice(orm, env, ids) },
  button_draft: {
    params: [],
    multi: true,
    run(orm, env, ids) {
      for (const po of orm.browse(env, 'purchase.order', ids, 'write')) po.state = 'draft';
      return {};
    },
  },
  button_cancel: {
    params: [],
    multi: true,
    run(orm, env, ids) {
      const pos = orm.browse(env, 'purchase.order', ids, 'write');
      for (const po of pos) {
        const bills = (orm.value('purchase.order', po, 'invoice_ids') as number[]).map((id) =>
          orm.get('account.move', id),
        );
        if (bills.some((b) => b && b.state !== 'cancel' && b.state !== 'draft')) {
          throw userError(
            `Unable to cancel this purchase order. You must first cancel the related vendor bills.`,
          );
        }
      }
      for (const po of pos) po.state = 'cancel';
      return NONE;
    },
  },
};
