import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * sic_urcoopa_facture.enriched_at: null while a line still has to be enriched (new or changed at
 * Urcoopa, or its enrichment failed). Lines already there were enriched by the previous tool's
 * stored procedure: they are marked done, so that enrichment never sweeps the whole table.
 */
export class InvoiceEnrichedAt1764300000001 implements MigrationInterface {
  name = 'InvoiceEnrichedAt1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = (await queryRunner.getTable('sic_urcoopa_facture'))!;
    if (!table.columns.some((c) => c.name === 'enriched_at')) {
      await queryRunner.addColumn(
        'sic_urcoopa_facture',
        new TableColumn({ name: 'enriched_at', type: 'datetime', isNullable: true }),
      );
      await queryRunner.query('UPDATE sic_urcoopa_facture SET enriched_at = CURRENT_TIMESTAMP');
    }
    if (!table.indices.some((i) => i.name === 'IDX_facture_enriched_at')) {
      await queryRunner.createIndex(
        'sic_urcoopa_facture',
        new TableIndex({ name: 'IDX_facture_enriched_at', columnNames: ['enriched_at'] }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sic_urcoopa_facture', 'IDX_facture_enriched_at');
    await queryRunner.dropColumn('sic_urcoopa_facture', 'enriched_at');
  }
}
