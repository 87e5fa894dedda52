import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * sync_member_mapping: an Urcoopa customer code → the Odoo partner chosen for it. Enrichment uses
 * it before name matching; the unknowns page writes it when an operator resolves a member.
 */
@Entity({ name: 'sync_member_mapping' })
export class MemberMappingEntity {
  @PrimaryColumn({ name: 'code_client', type: 'varchar', length: 20 })
  codeClient!: string;

  @Column({ name: 'odoo_partner_id', type: 'int' })
  odooPartnerId!: number;

  /** Urcoopa's name when the mapping was made (for the operator's eyes only). */
  @Column({ name: 'nom_client', type: 'varchar', length: 255, nullable: true })
  nomClient!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
