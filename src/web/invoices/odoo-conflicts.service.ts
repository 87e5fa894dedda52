import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { MEMBER_BILL_KIND, MEMBER_SALE_KIND } from '../../correspondence/member-injection.service';
import { STORE_BILL_KIND } from '../../invoices/store-bills.service';
import { OdooIntentEntity } from '../../odoo-sync/entities/odoo-intent.entity';
import type { ActionOutcome } from './invoice-actions.service';

export interface OdooConflictView {
  kind: string;
  label: string;
  odooId: number | null;
  cancelled: boolean;
  message: string | null;
}

const LABELS: Record<string, string> = {
  [MEMBER_BILL_KIND]: 'Facture fournisseur URCOOPA',
  [MEMBER_SALE_KIND]: "Facture client de l'adhérent",
  [STORE_BILL_KIND]: 'Facture fournisseur du magasin',
};

/**
 * The moves of an invoice that need a person: a conflict in Odoo, in particular a move cancelled
 * there (CANCELLED_IN_ODOO). "Créer à nouveau" puts the intent back to pending with the cancelled
 * move passed over; the next run of the job creates it. Recorded in the intent row and the log.
 */
@Injectable()
export class OdooConflictsService {
  private readonly logger = new Logger(OdooConflictsService.name);

  constructor(@InjectRepository(OdooIntentEntity) private readonly intents: Repository<OdooIntentEntity>) {}

  async of(numero: string): Promise<OdooConflictView[]> {
    const rows = await this.intents.find({
      where: { kind: In(Object.keys(LABELS)), businessKey: numero, status: 'conflict' },
      order: { kind: 'ASC' },
    });
    return rows.map((r) => ({
      kind: r.kind,
      label: LABELS[r.kind] ?? r.kind,
      odooId: r.odooId,
      cancelled: r.odooState === 'cancel',
      message: r.lastError,
    }));
  }

  async recreate(numero: string, kind: string, user: string): Promise<ActionOutcome> {
    const row = await this.intents.findOneBy({ kind, businessKey: numero, status: 'conflict' });
    if (!row || row.odooState !== 'cancel' || !(kind in LABELS))
      return {
        kind: 'warn',
        text: `Rien à recréer pour la facture ${numero} : aucun mouvement annulé en attente.`,
      };
    const at = new Date();
    const note = `Recréation demandée par ${user} le ${at.toISOString()} : le mouvement Odoo ${String(row.odooId)} annulé est laissé tel quel.`;
    const result = await this.intents.update(
      { id: row.id, status: 'conflict' },
      { status: 'pending', attempts: 0, lastError: note, updatedAt: at },
    );
    if (!result.affected)
      return { kind: 'warn', text: `La facture ${numero} a changé entre-temps ; rechargez la page.` };
    this.logger.log({ numero, kind, user, cancelledMove: row.odooId }, 'Odoo move to be created again');
    return {
      kind: 'ok',
      text: `${LABELS[kind]} de la facture ${numero} : sera créée à nouveau dans Odoo au prochain passage de la tâche (le mouvement annulé ${String(row.odooId)} reste annulé).`,
    };
  }
}
