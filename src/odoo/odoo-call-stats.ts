import { countExternalCall, type ExternalOutcome } from '../jobs/metrics';
import { OdooError, OdooErrorCode } from './odoo.error';

export interface OdooCallStat {
  calls: number;
  failed: number;
}

export interface OdooStatsSnapshot {
  /** Requests sent to Odoo (each retry attempt counts). */
  total: number;
  failed: number;
  /** Per 'model.method' for execute_kw, per 'common.method' for the common service. */
  byCall: Record<string, OdooCallStat>;
}

/** Counts every request to Odoo, for stats() (tests, benches, run reports) and Prometheus. */
export class OdooCallStats {
  private byCall = new Map<string, OdooCallStat>();

  record(operation: string, error: unknown): void {
    const stat = this.byCall.get(operation) ?? { calls: 0, failed: 0 };
    stat.calls += 1;
    if (error) stat.failed += 1;
    this.byCall.set(operation, stat);
    countExternalCall('odoo', operation, outcomeOf(error));
  }

  snapshot(): OdooStatsSnapshot {
    let total = 0;
    let failed = 0;
    const byCall: Record<string, OdooCallStat> = {};
    for (const [key, stat] of [...this.byCall.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      total += stat.calls;
      failed += stat.failed;
      byCall[key] = { ...stat };
    }
    return { total, failed, byCall };
  }

  reset(): void {
    this.byCall.clear();
  }
}

function outcomeOf(error: unknown): ExternalOutcome {
  if (!error) return 'success';
  if (!(error instanceof OdooError)) return 'error';
  if (error.code === OdooErrorCode.Timeout) return 'timeout';
  if (error.transient) return 'transient_error';
  if (
    error.code === OdooErrorCode.BusinessError ||
    error.code === OdooErrorCode.AccessError ||
    error.code === OdooErrorCode.NoneResult
  )
    return 'business_error';
  return 'error';
}
