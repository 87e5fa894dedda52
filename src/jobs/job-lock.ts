import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, In, QueryRunner } from 'typeorm';
import { JobLockEntity } from './job-lock.entity';
import { JobRunEntity } from './job-run.entity';

/** hostname:pid, stored with each run. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

/** A database lock held for one run. */
export interface HeldLock {
  /** Records the run that holds the lock (SQLite lock row; no-op on MySQL). */
  attachRun(runId: number): Promise<void>;
  /** Null while the lock is still ours, else why it is not (its connection dropped, its row is gone). */
  lostReason(): Promise<string | null>;
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: HeldLock } | { acquired: false; runId: number | null };

/** A lock row with no run attached yet is stale after this delay (its process died between two statements). */
const UNATTACHED_LOCK_TTL_MS = 60_000;

/**
 * "One run at a time per job" across processes. MySQL/MariaDB: GET_LOCK on one dedicated
 * connection held for the whole run (the server releases it if the process dies). SQLite (one
 * machine): a sync_job_lock row, taken over when its run is no longer 'running' or its process is dead.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);
  /** Owner prefix of this runner: hostname:pid:boot-token (several apps may share one process in tests). */
  readonly owner = `${INSTANCE_ID}:${randomBytes(4).toString('hex')}`;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  /** MySQL lock names are server-wide: the database name keeps two databases on one server apart. */
  mysqlLockName(job: string): string {
    const database = String((this.dataSource.options as { database?: string }).database ?? '');
    const name = `urcoopa-sync:${database}:${job}`;
    if (name.length <= 64) return name;
    return `urcoopa-sync:${createHash('sha1').update(database).digest('hex').slice(0, 16)}:${job}`.slice(
      0,
      64,
    );
  }

  /**
   * Takes the lock `key` (a job name, or `group:<name>` for jobs that exclude each other); when it
   * is taken, answers the latest running run of `runningJobs`.
   */
  acquire(key: string, runningJobs: readonly string[] = [key]): Promise<LockAttempt> {
    return this.isMysql ? this.acquireMysql(key, runningJobs) : this.acquireSqlite(key);
  }

  /** Whether some connection (any instance) holds the job's lock now. */
  async isHeld(job: string): Promise<boolean> {
    if (this.isMysql) {
      const rows = await this.dataSource.query('SELECT IS_USED_LOCK(?) AS holder', [this.mysqlLockName(job)]);
      return rows[0]?.holder !== null && rows[0]?.holder !== undefined;
    }
    const lock = await this.dataSource.getRepository(JobLockEntity).findOneBy({ job });
    return lock !== null && !(await this.isStale(lock));
  }

  private async latestRunningRunId(jobs: readonly string[]): Promise<number | null> {
    const run = await this.dataSource
      .getRepository(JobRunEntity)
      .findOne({ where: { job: In([...jobs]), status: 'running' }, order: { id: 'DESC' } });
    return run?.id ?? null;
  }

  private async acquireMysql(job: string, runningJobs: readonly string[]): Promise<LockAttempt> {
    const name = this.mysqlLockName(job);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let acquired: unknown;
    try {
      const rows = await runner.query('SELECT GET_LOCK(?, 0) AS acquired', [name]);
      acquired = rows[0]?.acquired;
    } catch (error) {
      await runner.release();
      throw error;
    }
    if (Number(acquired) !== 1) {
      await runner.release();
      if (acquired === null) throw new Error(`GET_LOCK('${name}') failed`);
      return { acquired: false, runId: await this.latestRunningRunId(runningJobs) };
    }
    return {
      acquired: true,
      lock: {
        attachRun: async () => undefined,
        lostReason: () => this.mysqlLostReason(runner, name),
        release: () => this.releaseMysql(runner, name),
      },
    };
  }

  /** Asked on the lock's own connection: a dropped connection fails, a lock taken over is not ours. */
  private async mysqlLostReason(runner: QueryRunner, name: string): Promise<string | null> {
    try {
      const rows = await runner.query('SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS mine', [name]);
      return Number(rows[0]?.mine) === 1 ? null : `GET_LOCK('${name}') is no longer held by this run`;
    } catch (error) {
      return `the connection holding GET_LOCK('${name}') dropped: ${(error as Error).message}`;
    }
  }

  private async releaseMysql(runner: QueryRunner, name: string): Promise<void> {
    try {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    } catch (error) {
      // Never give a connection that may still hold the lock back to the pool: close it instead.
      this.logger.error({ err: error, lock: name }, 'RELEASE_LOCK failed; closing its connection');
      (
        runner as unknown as { databaseConnection?: { destroy?: () => void } }
      ).databaseConnection?.destroy?.();
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private async acquireSqlite(job: string): Promise<LockAttempt> {
    const repo = this.dataSource.getRepository(JobLockEntity);
    const owner = `${this.owner}#${randomBytes(3).toString('hex')}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await repo.insert({ job, runId: null, owner, lockedAt: new Date() });
      } catch (error) {
        const existing = await repo.findOneBy({ job });
        if (!existing) {
          if (attempt < 2) continue; // released between our insert and our read
          throw error;
        }
        if (!(await this.isStale(existing))) return { acquired: false, runId: existing.runId };
        this.logger.warn(
          { job, owner: existing.owner, runId: existing.runId },
          'Taking over a stale job lock',
        );
        await repo.delete({ job, owner: existing.owner });
        continue;
      }
      return {
        acquired: true,
        lock: {
          attachRun: async (runId) => {
            await repo.update({ job, owner }, { runId });
          },
          lostReason: async () =>
            (await repo.existsBy({ job, owner })) ? null : `the lock row of '${job}' is gone or taken over`,
          release: async () => {
            await repo.delete({ job, owner });
          },
        },
      };
    }
    return { acquired: false, runId: null };
  }

  /** A SQLite lock row nobody holds anymore. Only called when this runner is not running the job. */
  async isStale(lock: JobLockEntity): Promise<boolean> {
    if (!this.ownerAlive(lock.owner)) return true;
    if (lock.runId === null) return Date.now() - new Date(lock.lockedAt).getTime() > UNATTACHED_LOCK_TTL_MS;
    const run = await this.dataSource.getRepository(JobRunEntity).findOneBy({ id: lock.runId });
    return !run || run.status !== 'running';
  }

  /**
   * Whether the process that wrote a lock may still run. This process (this boot, or an earlier
   * process that had the same pid, as in a restarted container): no, the caller checked the
   * in-process guard first. Same host, other pid: ask the OS. Another host: assume alive and let the
   * run row decide.
   */
  ownerAlive(owner: string): boolean {
    const match = /^(.*):(\d+):[0-9a-f]+#/.exec(owner);
    if (!match || match[1] !== hostname()) return true;
    const pid = Number(match[2]);
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}
