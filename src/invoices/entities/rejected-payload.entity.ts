import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RejectedPayloadKind = 'facture' | 'livraison';

/** sync_rejected_payload: an Urcoopa record refused by validation, kept as received for inspection. */
@Entity({ name: 'sync_rejected_payload' })
@Index('IDX_sync_rejected_payload_key', ['kind', 'recordKey'])
export class RejectedPayloadEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: RejectedPayloadKind;

  /** Numero_Facture / Numero_BL; null when the record has none. */
  @Column({ name: 'record_key', type: 'varchar', length: 50, nullable: true })
  recordKey!: string | null;

  /** e.g. 'facture 251004512'. */
  @Column({ name: 'record_label', type: 'varchar', length: 120 })
  recordLabel!: string;

  /** e.g. 'Detail[2].Quantite_Facturee'. */
  @Column({ type: 'varchar', length: 120 })
  field!: string;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The record's JSON exactly as Urcoopa sent it. */
  @Column({ name: 'raw_json', type: 'text' })
  rawJson!: string;

  @Column({ name: 'run_id', type: 'int', nullable: true })
  runId!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
