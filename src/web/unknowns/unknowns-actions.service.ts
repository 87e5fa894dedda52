import { Injectable } from '@nestjs/common';
import { UnknownsResolutionService } from '../../correspondence/unknowns-resolution.service';
import { UnknownsService } from '../../correspondence/unknowns.service';
import { AppError } from '../../common/errors/app-error';
import type { ActionOutcome } from '../invoices/invoice-actions.service';
import type { ResolveUnknownDto } from './dto/unknown-action.dto';

/** The unknowns page's actions, through the correspondence services (the one place of their rules). */
@Injectable()
export class UnknownsActionsService {
  constructor(
    private readonly unknowns: UnknownsService,
    private readonly resolution: UnknownsResolutionService,
  ) {}

  exportCsv(type: 'clients' | 'articles' | 'all') {
    return this.unknowns.exportCsv(type);
  }

  async resolve(
    kind: 'adherent' | 'article',
    body: ResolveUnknownDto,
    user?: string,
  ): Promise<ActionOutcome> {
    try {
      const result =
        kind === 'adherent'
          ? await this.resolution.resolveMember({
              nomClient: body.cle,
              codeClient: body.code || undefined,
              odooPartnerId: body.odooId,
              resolvedBy: user,
            })
          : await this.resolution.resolveArticle({
              code: body.cle,
              odooProductId: body.odooId,
              resolvedBy: user,
            });
      const what = kind === 'adherent' ? `L'adhérent « ${body.cle} »` : `L'article « ${body.cle} »`;
      return {
        kind: 'ok',
        text: `${what} est associé à ${result.odooName} (Odoo n° ${result.odooId}) : ${result.rowsUpdated} ligne(s) mises à jour, ${result.ready.length} facture(s) prêtes pour Odoo.`,
      };
    } catch (error) {
      if (error instanceof AppError) return { kind: 'ko', text: `Association impossible : ${error.message}` };
      throw error;
    }
  }

  async reset(): Promise<ActionOutcome> {
    const r = await this.unknowns.reset();
    return {
      kind: 'ok',
      text: `Réinitialisation faite : ${r.lignesRemisesATraiter} ligne(s) remises à traiter, ${r.adherentsSupprimes} adhérent(s) et ${r.articlesSupprimes} article(s) retirés des inconnus.`,
    };
  }
}
