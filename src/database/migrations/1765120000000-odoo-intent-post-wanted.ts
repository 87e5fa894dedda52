import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * sync_odoo_intent.post_wanted: the record was created (or sent) while ODOO_POST_MOVES was on, so
 * it may be posted; drafts created before are never posted by turning the setting on.
 */
export class OdooIntentPostWanted1765120000000 implements MigrationInterface {
  name = 'OdooIntentPostWanted1765120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'sync_odoo_intent',
      new TableColumn({ name: 'post_wanted', type: 'tinyint', isNullable: false, default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('sync_odoo_intent', 'post_wanted');
  }
}
