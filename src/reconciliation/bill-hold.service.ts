import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { RecordError } from '../jobs/job-run.entity';
import { HOLDING_KINDS, KIND_LABELS, type DiscrepancyKind } from './matching-rules';

export const HELD_CODE = 'HELD_BY_RAPPROCHEMENT';

/**
 * RAPPROCHEMENT_HOLD_BILLS: jobs 5 and 6 ask here which invoices must wait. An invoice is held while
 * one of its lines has an open price or quantity discrepancy; accepting it lets the next run create
 * the move. Off (the default), nothing is ever held and the database is not read.
 */
@Injectable()
export class BillHoldService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.reconciliation.holdBills;
  }

  /** Invoice number → why it is held, for those of `numeros` that are. */
  async held(numeros: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!this.enabled || numeros.length === 0) return out;
    const wanted = new Set(numeros);
    const rows = (await this.ds.query(
      `SELECT id, kind, order_number, invoice_numbers FROM sync_reconciliation_discrepancy
       WHERE status = 'open' AND kind IN (${HOLDING_KINDS.map(() => '?').join(', ')}) AND invoice_numbers IS NOT NULL`,
      [...HOLDING_KINDS],
    )) as Array<{ id: unknown; kind: string; order_number: string; invoice_numbers: string }>;
    const reasons = new Map<string, string[]>();
    for (const r of rows) {
      for (const numero of r.invoice_numbers.split(',')) {
        if (!wanted.has(numero)) continue;
        const label = KIND_LABELS[r.kind as DiscrepancyKind] ?? r.kind;
        reasons.set(numero, [
          ...(reasons.get(numero) ?? []),
          `${label} (commande ${r.order_number}, écart ${String(r.id)})`,
        ]);
      }
    }
    for (const [numero, list] of reasons)
      out.set(
        numero,
        `retenue par le rapprochement : ${list.join('; ')} — à accepter sur /rapprochement pour la créer dans Odoo`,
      );
    return out;
  }

  /** The run's record error of a held invoice. */
  static error(numero: string, what: string, reason: string): RecordError {
    return { record: numero, code: HELD_CODE, message: `${what} ${numero} ${reason}` };
  }
}
