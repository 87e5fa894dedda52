import type { EntityManager } from 'typeorm';

/** A datetime as both MySQL and SQLite store it through TypeORM: UTC 'YYYY-MM-DD HH:MM:SS'. */
export function sqlDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Plain UPDATE of sic_urcoopa_facture for the given invoices, for columns the entity does not
 * declare (enriched_at); `?` placeholders work on both drivers.
 */
export async function updateInvoices(
  manager: EntityManager,
  set: Record<string, string | number | null>,
  invoices: string[],
  extraWhere = '',
): Promise<void> {
  const columns = Object.keys(set);
  const assignments = columns.map((c) => `${c} = ?`).join(', ');
  const marks = invoices.map(() => '?').join(', ');
  await manager.query(
    `UPDATE sic_urcoopa_facture SET ${assignments} WHERE Numero_Facture IN (${marks})${extraWhere}`,
    [...columns.map((c) => set[c]), ...invoices],
  );
}
