import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../jobs/metrics';
import { DISCREPANCY_KINDS } from './matching-rules';
import { ReconciliationQuery } from './reconciliation.query';

type Summary = Awaited<ReturnType<ReconciliationQuery['openSummary']>>;
let source: (() => Promise<Summary>) | null = null;

/** Open discrepancies per kind, read from the database at each scrape of /metrics. */
export const openDiscrepancies = new Gauge({
  name: 'urcoopa_sync_reconciliation_open_discrepancies',
  help: 'Open discrepancies of the rapprochement (order ↔ delivery ↔ invoice), by kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!source) return;
    const summary = await source();
    for (const kind of DISCREPANCY_KINDS) this.set({ kind }, summary.byKind[kind]);
    openAmount.set(Number(summary.amount));
  },
});

export const openAmount = new Gauge({
  name: 'urcoopa_sync_reconciliation_open_amount_euros',
  help: 'Money at stake in the open discrepancies of the rapprochement (absolute values summed)',
  registers: [metricsRegistry],
});

/** Plugs this application's database into the gauges (one per process; the last started wins). */
@Injectable()
export class ReconciliationMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly read = () => this.query.openSummary();
  constructor(private readonly query: ReconciliationQuery) {}

  onModuleInit(): void {
    source = this.read;
  }

  onModuleDestroy(): void {
    if (source === this.read) source = null;
  }
}
