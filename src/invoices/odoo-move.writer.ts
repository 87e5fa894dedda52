import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RecordError } from '../jobs/job-run.entity';
import type { OdooIntentOutcome } from '../odoo-sync/odoo-intent.types';
import { INTEGRATION_STATUS, InvoiceLineEntity } from './entities/invoice-line.entity';

/** Per-record lists in a run's result stay small (the run row is a TEXT column): problems first. */
export const DETAILS_MAX = 200;

export function firstOf<T>(items: T[], isProblem: (item: T) => boolean = () => false): T[] {
  return [...items.filter(isProblem), ...items.filter((i) => !isProblem(i))].slice(0, DETAILS_MAX);
}

/** Where an intent outcome leaves the invoice: sent (id known), or the reason it is not. */
export function outcomeErrors(numero: string, label: string, outcome: OdooIntentOutcome): RecordError[] {
  const errors: RecordError[] = [];
  if (!['created', 'adopted', 'existing'].includes(outcome.result)) {
    errors.push({
      record: numero,
      code: outcome.errorCode ?? outcome.result.toUpperCase(),
      message: `${label} ${numero} non créée dans Odoo (${outcome.errorCode ?? outcome.result}) : ${outcome.error ?? outcome.result}`,
    });
  }
  for (const issue of outcome.issues) {
    errors.push({
      record: numero,
      code: outcome.errorCode ?? 'ODOO_ISSUE',
      message: `${label} ${numero}: ${issue}`,
    });
  }
  return errors;
}

export const isInOdoo = (o: OdooIntentOutcome | undefined) =>
  !!o && ['created', 'adopted', 'existing'].includes(o.result) && o.odooId !== null;

/** Writes ID_Facture_ODOO and 'intégré' on the rows of invoices now in Odoo (one transaction). */
@Injectable()
export class InvoiceIntegrationWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async markIntegrated(moves: Array<{ numero: string; moveId: number }>): Promise<void> {
    if (moves.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const { numero, moveId } of moves) {
        await manager.update(
          InvoiceLineEntity,
          { Numero_Facture: numero },
          {
            ID_Facture_ODOO: moveId,
            Statut_Integration_Fac_inOdoo: INTEGRATION_STATUS.done,
          },
        );
      }
    });
  }

  /** Rows of these invoice numbers (all lines). */
  rowsOf(numeros: string[]): Promise<InvoiceLineEntity[]> {
    return this.dataSource.getRepository(InvoiceLineEntity).findBy({ Numero_Facture: In(numeros) });
  }
}
