import { Column, Entity, PrimaryColumn } from 'typeorm';

/** sync_job_lock: on SQLite, the row that says a job is running (MySQL uses GET_LOCK instead). */
@Entity({ name: 'sync_job_lock' })
export class JobLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  job!: string;

  @Column({ name: 'run_id', type: 'int', nullable: true })
  runId!: number | null;

  @Column({ type: 'varchar', length: 100 })
  owner!: string;

  @Column({ name: 'locked_at', type: 'datetime' })
  lockedAt!: Date;
}
