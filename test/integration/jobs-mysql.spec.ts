import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLockService } from '../../src/jobs/job-lock';
import { JobsScheduler } from '../../src/jobs/jobs.scheduler';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, MYSQL_SERVER, TestDatabase } from '../helpers/mysql';
import { blockingJob, eventually } from './jobs.helpers';

const key = { 'X-API-Key': TEST_API_KEY };

describe('jobs on MariaDB: two instances, one database', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const blockerA = blockingJob('gesica');
  const blockerB = blockingJob('gesica');

  beforeAll(async () => {
    db = await createTestDatabase('jobs');
    const env = testEnv({ ...mysqlEnv(db.config), CRONTAB_APP_GESICA: '0 4 * * *' });
    a = await startTestApp(env, { extraModules: [blockerA.module] });
    b = await startTestApp(env, { extraModules: [blockerB.module] });
  });
  afterAll(async () => {
    blockerA.release();
    blockerB.release();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  async function runRows(job: string) {
    return db.query<Array<{ id: number; status: string; trigger_source: string }>>(
      'SELECT id, status, trigger_source FROM sync_job_run WHERE job = ? ORDER BY id',
      [job],
    );
  }

  it('runs a job once when the crons of both instances fire', async () => {
    const cronA = a.app.get(JobsScheduler).cronJob('gesica')!;
    const cronB = b.app.get(JobsScheduler).cronJob('gesica')!;
    const firedA = cronA.fireOnTick();
    const firedB = cronB.fireOnTick();
    await Promise.race([blockerA.started, blockerB.started]);
    // the instance that lost the lock skips at once, while the winner still holds it
    await Promise.race([firedA, firedB]);
    expect(blockerA.calls + blockerB.calls).toBe(1);

    // an HTTP trigger on either instance gets 409 with the running run's id
    const [running] = await runRows('gesica');
    for (const t of [a, b]) {
      const res = await t.http.post('/api/jobs/gesica/run').set(key).expect(409);
      expect(res.body).toMatchObject({ error: 'ALREADY_RUNNING', details: { runId: running.id } });
    }
    blockerA.release();
    blockerB.release();
    await Promise.all([firedA, firedB]);

    const rows = await runRows('gesica');
    expect(rows).toEqual([{ id: running.id, status: 'succeeded', trigger_source: 'cron' }]);
    expect(blockerA.calls + blockerB.calls).toBe(1);
    // the lock is released with the run: the other instance can run it now
    const lockName = a.app.get(JobLockService).mysqlLockName('gesica');
    expect(lockName).toBe(`urcoopa-sync:${db.config.database}:gesica`);
    const [free] = await db.query<Array<{ holder: number | null }>>('SELECT IS_USED_LOCK(?) AS holder', [
      lockName,
    ]);
    expect(free.holder).toBeNull();
    blockerA.reset();
    blockerB.reset();
    blockerA.release();
    blockerB.release();
    const again = await b.http.post('/api/jobs/gesica/run?wait=true').set(key).expect(200);
    expect(again.body).toMatchObject({ status: 'succeeded', trigger: 'api' });
  });

  it('marks at start the runs of a dead process abandoned, not those whose lock is held', async () => {
    const holder = await mysql.createConnection({ ...MYSQL_SERVER, database: db.config.database });
    try {
      const lockName = a.app.get(JobLockService).mysqlLockName('livraisons');
      const [got] = await holder.query('SELECT GET_LOCK(?, 0) AS ok', [lockName]);
      expect((got as Array<{ ok: number }>)[0].ok).toBe(1);
      await db.query(
        `INSERT INTO sync_job_run (job, trigger_source, status, started_at, instance) VALUES
         ('factures', 'cron', 'running', '2025-10-14 07:17:00', 'crashed:1'),
         ('livraisons', 'cron', 'running', '2025-10-14 07:30:00', 'alive-elsewhere:2')`,
      );
      const c = await startTestApp(testEnv(mysqlEnv(db.config)));
      try {
        const res = await c.http.get('/api/jobs/runs?status=abandoned').set(key).expect(200);
        expect(res.body).toHaveLength(1);
        expect(res.body[0]).toMatchObject({
          job: 'factures',
          status: 'abandoned',
          instance: 'crashed:1',
          errorSummary: expect.stringContaining('Abandoned'),
        });
        expect(res.body[0].endedAt).not.toBeNull();
        const still = await c.http.get('/api/jobs/runs?job=livraisons').set(key).expect(200);
        expect(still.body[0].status).toBe('running');
        const metrics = await c.http.get('/metrics').set(key).expect(200);
        expect(metrics.text).toMatch(
          /urcoopa_sync_job_runs_total\{job="factures",status="abandoned",trigger="cron"\} \d/,
        );
      } finally {
        await c.close();
      }
    } finally {
      await holder.end();
    }
  });

  it('reports progress into the run row while the job runs', async () => {
    blockerA.reset();
    const { body } = await a.http.post('/api/jobs/gesica/run').set(key).expect(202);
    await blockerA.started;
    const row = await eventually(async () => {
      const [r] = await db.query<Array<{ progress_done: number; progress_total: number }>>(
        'SELECT progress_done, progress_total FROM sync_job_run WHERE id = ?',
        [body.runId],
      );
      return r.progress_done === 1 ? r : null;
    });
    expect(row).toEqual({ progress_done: 1, progress_total: 2 });
    blockerA.release();
    await eventually(async () => {
      const res = await a.http.get(`/api/jobs/runs/${body.runId}`).set(key);
      return res.body.status === 'succeeded';
    });
  });
});
