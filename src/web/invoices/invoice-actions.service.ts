import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { InvoiceLineEntity } from '../../invoices/entities/invoice-line.entity';
import { JobRunner } from '../../jobs/job-runner.service';

export interface ActionOutcome {
  kind: 'ok' | 'warn' | 'ko';
  text: string;
}

/**
 * The buttons of the member invoice pages. "Envoyer vers Odoo" runs the member injection job for
 * that one invoice: the job's exactly-once mechanism (intent → adopt-or-create → record id) makes
 * a double click or a retry harmless.
 */
@Injectable()
export class InvoiceActionsService {
  constructor(
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
    private readonly runner: JobRunner,
  ) {}

  // TODO(InvoiceValidationService): delegate once the validation service lands (same rule: flag + date, idempotent).
  async validate(numeros: string[]): Promise<ActionOutcome> {
    if (numeros.length === 0) return { kind: 'warn', text: 'Aucune facture sélectionnée.' };
    const result = await this.lines.update(
      { Numero_Facture: In(numeros), facture_valider: 0 },
      { facture_valider: 1, date_validation: new Date() },
    );
    const invoices = numeros.length === 1 ? `La facture ${numeros[0]}` : `${numeros.length} factures`;
    return (result.affected ?? 0) > 0
      ? { kind: 'ok', text: `${invoices} ${numeros.length === 1 ? 'est validée' : 'sont validées'}.` }
      : {
          kind: 'warn',
          text: `${invoices} ${numeros.length === 1 ? 'était déjà validée' : 'étaient déjà validées'}.`,
        };
  }

  async sendToOdoo(numero: string): Promise<ActionOutcome> {
    try {
      const run = await this.runner.run('injection-adherents', 'web', { numeros: [numero] });
      const errors = run.recordErrors.map((e) => e.message).slice(0, 3);
      if (run.status === 'succeeded' && run.counts.created + run.counts.updated > 0)
        return { kind: 'ok', text: `Facture ${numero} envoyée vers Odoo (exécution n° ${run.id}).` };
      if (run.status === 'succeeded')
        return {
          kind: 'warn',
          text: `Rien à envoyer pour la facture ${numero} : déjà dans Odoo ou pas prête (exécution n° ${run.id}).`,
        };
      return {
        kind: 'ko',
        text: `Envoi de la facture ${numero} non abouti (exécution n° ${run.id}) : ${errors.join(' ; ') || run.errorSummary || run.status}`,
      };
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'erreur inattendue, voir le journal';
      return { kind: 'ko', text: `Envoi de la facture ${numero} impossible : ${message}` };
    }
  }
}
