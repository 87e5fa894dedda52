import type { OdooRecord } from './fields';

/** Ids start where a real database of this age would be, so tests cannot rely on small ids. */
const FIRST_IDS: Record<string, number> = {
  'res.partner': 5000,
  'account.move': 14000,
  'account.move.line': 90000,
  'purchase.order': 5600,
  'purchase.order.line': 21000,
  'product.product': 300,
  'product.template': 280,
  'product.supplierinfo': 700,
  'stock.picking': 8800,
};

/** The tables: records in cache format, keyed by model then id. No rules, no validation. */
export class Store {
  private readonly tables = new Map<string, Map<number, OdooRecord>>();
  private readonly nextIds = new Map<string, number>();

  table(model: string): Map<number, OdooRecord> {
    let t = this.tables.get(model);
    if (!t) {
      t = new Map();
      this.tables.set(model, t);
    }
    return t;
  }

  insert(model: string, values: Record<string, unknown>, id?: number): OdooRecord {
    const t = this.table(model);
    const next = this.nextIds.get(model) ?? FIRST_IDS[model] ?? 1;
    const newId = id ?? next;
    if (t.has(newId)) throw new Error(`sandbox store: ${model} ${newId} already exists`);
    this.nextIds.set(model, Math.max(next, newId + 1));
    const rec = { ...values, id: newId } as OdooRecord;
    t.set(newId, rec);
    return rec;
  }

  get(model: string, id: number): OdooRecord | undefined {
    return this.table(model).get(id);
  }

  all(model: string): OdooRecord[] {
    return [...this.table(model).values()];
  }

  delete(model: string, id: number): void {
    this.table(model).delete(id);
  }

  snapshot(): unknown {
    return structuredClone({ tables: this.tables, nextIds: this.nextIds });
  }

  restore(snapshot: unknown): void {
    const s = snapshot as { tables: Map<string, Map<number, OdooRecord>>; nextIds: Map<string, number> };
    this.tables.clear();
    for (const [k, v] of s.tables) this.tables.set(k, v);
    this.nextIds.clear();
    for (const [k, v] of s.nextIds) this.nextIds.set(k, v);
  }
}
