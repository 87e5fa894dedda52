import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SentOrderStatus = 'sending' | 'sent' | 'already_received' | 'rejected' | 'auth_failed' | 'error';

/**
 * sic_urcoopa_commande_odoo: the orders sent to Urcoopa. Numero_Commande is the idempotency key:
 * the row is written with status 'sending' before the push and its outcome after.
 */
@Entity({ name: 'sic_urcoopa_commande_odoo' })
export class SentOrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  Numero_Commande!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  Code_Client!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Nom_Client!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  Email!: string | null;

  @Column({ type: 'datetime', nullable: true })
  date_envoi_commande!: Date | null;

  @Column({ type: 'int', nullable: true })
  Nombre_Article!: number | null;

  @Column({ type: 'varchar', length: 20, default: 'sent' })
  status!: SentOrderStatus;

  @Column({ type: 'varchar', length: 50, nullable: true })
  odoo_po_name!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  last_response!: string | null;

  @Column({ type: 'datetime', nullable: true })
  updated_at!: Date | null;
}
