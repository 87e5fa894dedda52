import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const TABLE = 'sync_month_figures';
const INDEX = 'IDX_sync_month_figures_kind_month';

/**
 * The member invoices list reads its months and count from the summary's member rows (two per
 * month): by kind, not through every store row of every month (issue 13).
 */
export class MonthFiguresKindIndex1765180000000 implements MigrationInterface {
  name = 'MonthFiguresKindIndex1765180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = (await queryRunner.getTable(TABLE))!;
    if (!table.indices.some((i) => i.name === INDEX))
      await queryRunner.createIndex(
        TABLE,
        new TableIndex({ name: INDEX, columnNames: ['kind', 'month', 'invoices'] }),
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(TABLE, INDEX);
  }
}
