import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MySQL TEXT holds 64 KB: a run with a thousand record errors did not fit and its end was never
 * recorded. MEDIUMTEXT (16 MB) on MySQL; SQLite's TEXT has no such limit.
 */
export class JobRunLargeText1764500000000 implements MigrationInterface {
  name = 'JobRunLargeText1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query(
      'ALTER TABLE `sync_job_run` MODIFY `error_summary` MEDIUMTEXT NULL, MODIFY `record_errors` MEDIUMTEXT NULL, ' +
        'MODIFY `result_json` MEDIUMTEXT NULL, MODIFY `parameters_json` MEDIUMTEXT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    await queryRunner.query(
      'ALTER TABLE `sync_job_run` MODIFY `error_summary` TEXT NULL, MODIFY `record_errors` TEXT NULL, ' +
        'MODIFY `result_json` TEXT NULL, MODIFY `parameters_json` TEXT NULL',
    );
  }
}
