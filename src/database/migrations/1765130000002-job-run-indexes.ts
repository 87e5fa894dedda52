import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const TABLE = 'sync_job_run';
const INDEXES: Array<[string, string[]]> = [
  // The last run of each job (dashboard, /taches) and the runs of one job, newest first.
  ['IDX_sync_job_run_job_id', ['job', 'id']],
  // The runs in one status, newest first (/taches?statut=…, /api/jobs/runs?status=…).
  ['IDX_sync_job_run_status_id', ['status', 'id']],
];

/** Job history lists that stay an index walk as the runs pile up (issue 13). */
export class JobRunIndexes1765130000002 implements MigrationInterface {
  name = 'JobRunIndexes1765130000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = (await queryRunner.getTable(TABLE))!;
    for (const [name, columnNames] of INDEXES)
      if (!table.indices.some((i) => i.name === name))
        await queryRunner.createIndex(TABLE, new TableIndex({ name, columnNames }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await queryRunner.dropIndex(TABLE, name);
  }
}
