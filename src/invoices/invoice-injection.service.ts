import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonError, CommonErrorCode } from '../common/errors/app-error';
import type { JobName } from '../config/job-definitions';
import type { JobRunView } from '../jobs/dto/job-run.view';
import type { JobTrigger } from '../jobs/job-run.entity';
import { JobRunner } from '../jobs/job-runner.service';
import { InvoiceLineEntity } from './entities/invoice-line.entity';
import { isMemberClient, isStoreClient } from './urcoopa-invoice';

export interface InjectionOutcome {
  numero: string;
  job: JobName;
  runId: number;
  runStatus: string;
  /** ID_Facture_ODOO and the integration status after the run. */
  idFactureOdoo: number | null;
  integrated: boolean;
  errors: JobRunView['recordErrors'];
  details: unknown;
}

/**
 * "Send this one invoice to Odoo now": runs the invoice's job (store bill or member injection) for
 * that number only, through the JobRunner (same lock, same exactly-once path), and returns the outcome.
 */
@Injectable()
export class InvoiceInjectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: JobRunner,
  ) {}

  async injectOne(numero: string, trigger: JobTrigger = 'api'): Promise<InjectionOutcome> {
    const header = await this.header(numero);
    const job: JobName | null = isStoreClient(header.Type_Client)
      ? 'factures-magasins'
      : isMemberClient(header.Type_Client)
        ? 'injection-adherents'
        : null;
    if (!job) {
      throw new CommonError(
        CommonErrorCode.InvalidInput,
        `Facture ${numero} : ni facture magasin ni facture adhérent (Type_Client '${header.Type_Client ?? ''}')`,
        HttpStatus.BAD_REQUEST,
        { numero },
      );
    }
    const run = await this.runner.run(job, trigger, { numeros: [numero] });
    const after = await this.header(numero);
    const details = run.result as {
      moves?: Array<{ numero: string }>;
      invoices?: Array<{ numero: string }>;
      skipped?: Array<{ numero: string }>;
    } | null;
    const mine = (list?: Array<{ numero: string }>) => list?.filter((x) => x.numero === numero) ?? [];
    return {
      numero,
      job,
      runId: run.id,
      runStatus: run.status,
      idFactureOdoo: after.ID_Facture_ODOO,
      integrated: after.Statut_Integration_Fac_inOdoo === 'intégré',
      errors: run.recordErrors.filter((e) => e.record === numero),
      details: {
        moves: mine(details?.moves),
        invoices: mine(details?.invoices),
        skipped: mine(details?.skipped),
      },
    };
  }

  private async header(numero: string): Promise<InvoiceLineEntity> {
    const [row] = await this.dataSource
      .getRepository(InvoiceLineEntity)
      .find({ where: { Numero_Facture: numero }, order: { Numero_Ligne_Facture: 'ASC' }, take: 1 });
    if (!row)
      throw new CommonError(CommonErrorCode.NotFound, `Facture ${numero} introuvable`, HttpStatus.NOT_FOUND, {
        numero,
      });
    return row;
  }
}
