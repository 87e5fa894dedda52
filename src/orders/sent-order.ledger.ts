import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { SentOrderEntity, type SentOrderStatus } from './entities/sent-order.entity';

/** Outcomes after which an order is never pushed again. */
export const DELIVERED: readonly SentOrderStatus[] = ['sent', 'already_received'];

const MAX_RESPONSE = 2_000;

/**
 * What a Push_Commandes answer means (domain.md §2). `déjà enregistrée` is checked before `ERREUR`:
 * it is a rejection in form only, Urcoopa has the order. An empty answer acknowledges nothing, so it
 * is an error (the next push is safe: Urcoopa refuses a number it already has).
 */
export function classifyPushAnswer(answer: string): Exclude<SentOrderStatus, 'sending'> {
  const text = answer
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim();
  if (text === '') return 'error';
  if (/token api incorrect/i.test(text)) return 'auth_failed';
  if (/deja\s+enregistre/i.test(text)) return 'already_received';
  if (/erreur/i.test(text)) return 'rejected';
  return 'sent';
}

export interface SendingOrder {
  orderNumber: string;
  poName: string;
  codeClient: string;
  nomClient: string;
  email: string;
  lineCount: number;
}

/**
 * The to-Urcoopa exactly-once ledger (sic_urcoopa_commande_odoo): intent ('sending', committed before
 * the push) → push → outcome. A row left in 'sending' by a crash is pushed again by the next run,
 * and Urcoopa's `déjà enregistrée` answer then settles it as already_received.
 */
@Injectable()
export class SentOrderLedger {
  constructor(@InjectRepository(SentOrderEntity) private readonly rows: Repository<SentOrderEntity>) {}

  /** The rows of these order numbers, in one query. */
  async find(orderNumbers: string[]): Promise<Map<string, SentOrderEntity>> {
    if (orderNumbers.length === 0) return new Map();
    const rows = await this.rows.findBy({ Numero_Commande: In([...new Set(orderNumbers)]) });
    return new Map(rows.map((r) => [r.Numero_Commande, r]));
  }

  isDelivered(row: SentOrderEntity | undefined): boolean {
    return !!row && DELIVERED.includes(row.status);
  }

  /** Records the intent before the push. */
  async markSending(order: SendingOrder, now: Date): Promise<void> {
    const existing = await this.rows.findOneBy({ Numero_Commande: order.orderNumber });
    const row = existing ?? this.rows.create({ Numero_Commande: order.orderNumber, attempts: 0 });
    Object.assign(row, {
      Code_Client: order.codeClient,
      Nom_Client: order.nomClient.slice(0, 255),
      Email: order.email.slice(0, 255) || null,
      Nombre_Article: order.lineCount,
      odoo_po_name: order.poName,
      date_envoi_commande: now,
      status: 'sending' as const,
      attempts: (row.attempts ?? 0) + 1,
      updated_at: now,
    });
    await this.rows.save(row);
  }

  /** Records the outcome after the push (Urcoopa's text, or the error's message). */
  async recordOutcome(orderNumber: string, status: SentOrderStatus, response: string, now: Date) {
    await this.rows.update(
      { Numero_Commande: orderNumber },
      { status, last_response: response.slice(0, MAX_RESPONSE), updated_at: now },
    );
  }
}
