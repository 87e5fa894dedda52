/** What a pre-flight point is about. */
export type ContractArea = 'odoo' | 'urcoopa' | 'clock';

/** One line of the pre-flight check: ✓ or ✗, what was found, and what to fix when ✗. */
export interface ContractPoint {
  area: ContractArea;
  name: string;
  ok: boolean;
  /** What was found (ids, names, versions); never a secret. */
  detail: string;
  /** What to change when the point fails; null when it passes. */
  fix: string | null;
}

export interface ContractReport {
  /** True when every point passes. */
  ok: boolean;
  checkedAt: string;
  /** Odoo server checked (origin only, never credentials). */
  odoo: string;
  points: ContractPoint[];
}

/** The 2.1 % VAT of the Urcoopa invoices (domain.md: Taux_TVA), searched as Odoo percent taxes. */
export const CONTRACT_VAT_RATE = 2.1;
/** Odoo's unit names for Urcoopa's UN / KG / TO. */
export const CONTRACT_UNITS = ['Units', 'kg', 't'] as const;
export const CONTRACT_MODULES = ['account', 'purchase', 'stock'] as const;
/** The operations and parameter names the Urcoopa client sends (src/urcoopa/urcoopa.client.ts). */
export const URCOOPA_OPERATIONS: Record<string, string[]> = {
  Get_Factures: ['xCleAPI', 'NbJours', 'DateReference'],
  Get_Livraisons: ['xCleAPI', 'NbJours', 'DateReference'],
  Push_Commandes: ['xCleAPI', 'jCommande'],
};
/** Largest clock difference with Odoo accepted (dates and windows are computed on both sides). */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/** The report as the CLI prints it: one line per point, the fix under each ✗, a summary. */
export function formatContractReport(report: ContractReport): string {
  const lines = [`Pre-flight check of ${report.odoo} and Urcoopa (${report.checkedAt})`];
  for (const p of report.points) {
    lines.push(`${p.ok ? '✓' : '✗'} [${p.area}] ${p.name}: ${p.detail}`);
    if (!p.ok && p.fix) lines.push(`    fix: ${p.fix}`);
  }
  const failed = report.points.filter((p) => !p.ok).length;
  lines.push(
    failed === 0
      ? `All ${report.points.length} points pass.`
      : `${failed} of ${report.points.length} points fail.`,
  );
  return lines.join('\n');
}
