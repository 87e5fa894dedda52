import type { OdooRecord } from '../fields';
import type { ModelMethod } from '../models/model';
import type { Env, Orm } from '../orm';
import { poLines } from './purchase';
import { char, company, m2o, type ModelDef } from './model';

const PICKING_CODES: [string, string][] = [
  ['incoming', 'Receipt'],
  ['outgoing', 'Delivery'],
  ['internal', 'Internal Transfer'],
  ['dropship', 'Dropship'],
];

/** stock.warehouse (17.0 addons/stock/models/stock_warehouse.py): one per company here. */
export const stockWarehouse: ModelDef = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  order: 'sequence,id',
  companyRule: 'required',
  fields: {
    name: char('Warehouse', { required: true }),
    code: char('Short Name', { required: true }),
    sequence: { type: 'integer', string: 'Sequence' },
    company_id: company(true),
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: { active: () => true, sequence: () => 10, company_id: (_o, env) => env.companyId },
};

export const stockPickingType: ModelDef = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  order: 'sequence, id',
  companyRule: 'required',
  fields: {
    name: char('Operation Type', { required: true }),
    code: { type: 'selection', string: 'Type of Operation', selection: PICKING_CODES, required: true },
    sequence_code: char('Sequence Prefix', { required: true }),
    warehouse_id: m2o('stock.warehouse', 'Warehouse', { checkCompany: true }),
    sequence: { type: 'integer', string: 'Sequence' },
    company_id: company(true),
    active: { type: 'boolean', string: 'Active' },
  },
  defaults: { active: () => true, sequence: () => 1, company_id: (_o, env) => env.companyId },
  // 17.0 stock_picking.py PickingType._compute_display_name: "<warehouse name>: <name>".
  displayName: (orm, rec) => {
    const wh =
      typeof rec.warehouse_id === 'number' ? orm.get('stock.warehouse', rec.warehouse_id) : undefined;
    return wh ? `${String(wh.name)}: ${String(rec.name)}` : String(rec.name);
  },
};

/** Marks a picking done and, for a PO receipt, its lines received (what validating the receipt does). */
export function validatePicking(orm: Orm, picking: OdooRecord): void {
  picking.state = 'done';
  picking.date_done = orm.now();
  const po =
    typeof picking.purchase_id === 'number' ? orm.get('purchase.order', picking.purchase_id) : undefined;
  if (!po) return;
  for (const line of poLines(orm, po)) if (!line.display_type) line.qty_received = line.product_qty;
}

const pickingMethods: Record<string, ModelMethod> = {
  button_validate: {
    params: [],
    multi: true,
    run(orm: Orm, env: Env, ids: number[]) {
      for (const p of orm.browse(env, 'stock.picking', ids, 'write')) validatePicking(orm, p);
      return true;
    },
  },
};

export const stockPicking: ModelDef = {
  name: 'stock.picking',
  description: 'Transfer',
  order: 'priority desc, scheduled_date asc, id desc',
  companyRule: 'required',
  fields: {
    name: char('Reference'),
    origin: char('Source Document'),
    priority: {
      type: 'selection',
      string: 'Priority',
      selection: [
        ['0', 'Normal'],
        ['1', 'Urgent'],
      ],
    },
    state: {
      type: 'selection',
      string: 'Status',
      selection: [
        ['draft', 'Draft'],
        ['waiting', 'Waiting Another Operation'],
        ['confirmed', 'Waiting'],
        ['assigned', 'Ready'],
        ['done', 'Done'],
        ['cancel', 'Cancelled'],
      ],
    },
    picking_type_id: m2o('stock.picking.type', 'Operation Type', { required: true, checkCompany: true }),
    picking_type_code: {
      type: 'selection',
      string: 'Type of Operation',
      selection: PICKING_CODES,
      related: ['picking_type_id', 'code'],
    },
    purchase_id: m2o('purchase.order', 'Purchase Orders'),
    partner_id: m2o('res.partner', 'Contact'),
    company_id: company(true),
    scheduled_date: { type: 'datetime', string: 'Scheduled Date' },
    date_done: { type: 'datetime', string: 'Date of Transfer' },
  },
  defaults: {
    state: () => 'draft',
    priority: () => '0',
    company_id: (orm, env, vals) =>
      orm.get('stock.picking.type', vals.picking_type_id as number)?.company_id ?? env.companyId,
    scheduled_date: (orm) => orm.now(),
    name: (orm, _env, vals) => {
      const type = orm.get('stock.picking.type', vals.picking_type_id as number);
      const prefix = type ? `${String(type.warehouse_code)}/${String(type.sequence_code)}/` : 'WH/IN/';
      const used = orm
        .all('stock.picking')
        .filter((p) => String(p.name).startsWith(prefix))
        .map((p) => Number(String(p.name).slice(prefix.length)) || 0);
      return `${prefix}${String(Math.max(0, ...used) + 1).padStart(5, '0')}`;
    },
  },
  methods: pickingMethods,
};
