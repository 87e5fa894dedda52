import { HttpStatus } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/common/errors/app-error';
import { ConfigValidationError } from '../../src/config/app-config';
import { PIPELINE_ORDER } from '../../src/config/job-definitions';
import { JobRunner } from '../../src/jobs/job-runner.service';
import { JobsScheduler } from '../../src/jobs/jobs.scheduler';
import { legacyJobResponse } from '../../src/jobs/legacy-job-response';
import { retryTransient } from '../../src/jobs/retry';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { blockingJob, eventually, testJob } from './jobs.helpers';

class FakeClientError extends AppError<'URCOOPA_DOWN' | 'BAD_KEY'> {
  readonly feature = 'test';
}
const transientError = () =>
  new FakeClientError(
    'URCOOPA_DOWN',
    'Urcoopa answered 503',
    HttpStatus.BAD_GATEWAY,
    { external: true },
    true,
  );
const businessError = () => new FakeClientError('BAD_KEY', 'Token API incorrect', HttpStatus.BAD_REQUEST);

const key = { 'X-API-Key': TEST_API_KEY };

describe('jobs: schedules, API, history, statuses, legacy responses', () => {
  let t: TestApp;
  const blocker = blockingJob('gesica');
  const attempts = { transient: 0, business: 0, always: 0 };

  beforeAll(async () => {
    t = await startTestApp(
      testEnv({
        CRONTAB_APP_FACTURES: '17 11 * * *  # 11h17 in Réunion',
        CRONTAB_APP_GESICA: '*/5 * * * *',
      }),
      {
        extraModules: [
          blocker.module,
          testJob('factures', (ctx) => ({
            counts: { read: 3, created: 2, unchanged: 1 },
            details: { params: ctx.params, trigger: ctx.trigger },
          })),
          testJob('livraisons', () => ({
            counts: { read: 2, created: 1, rejected: 1 },
            errors: [{ record: 'livraison BL42', code: 'UNKNOWN_DEPOT', message: 'dépôt 9 inconnu' }],
          })),
          // retry helper around one "external call": transient twice, then success
          testJob('switch-factures', async (ctx) => {
            const value = await retryTransient(
              async () => {
                attempts.transient += 1;
                if (attempts.transient < 3) throw transientError();
                return 42;
              },
              { attempts: 5, initialDelayMs: 1, maxDelayMs: 5, signal: ctx.signal },
            );
            return { counts: { read: value } };
          }),
          // a business error is never retried
          testJob('verif-correspondance', async () => {
            await retryTransient(
              async () => {
                attempts.business += 1;
                throw businessError();
              },
              { attempts: 5, initialDelayMs: 1 },
            );
            return {};
          }),
          // transient every time: bounded attempts, then the run fails as external
          testJob('injection-adherents', async () => {
            await retryTransient(
              async () => {
                attempts.always += 1;
                throw transientError();
              },
              { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
            );
            return {};
          }),
          testJob('factures-magasins', () => {
            throw new Error('bug in the job');
          }),
          testJob('commandes', () => ({
            status: 'failed',
            failureReason: 'Odoo refused the login',
            external: true,
          })),
        ],
      },
    );
  });
  afterAll(async () => {
    blocker.release();
    await t?.close();
  });

  it('reads schedules from the environment, evaluated in Indian/Reunion, and leaves unset ones disabled', async () => {
    const res = await t.http.get('/api/jobs').set(key).expect(200);
    const byName = Object.fromEntries(res.body.map((j: { name: string }) => [j.name, j]));
    expect(res.body.map((j: { name: string }) => j.name)).toEqual([...PIPELINE_ORDER, 'gesica', 'pipeline']);
    expect(byName.factures).toMatchObject({ cron: '17 11 * * *', timeZone: 'Indian/Reunion', enabled: true });
    const next = new Date(byName.factures.nextRunAt);
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([7, 17]); // 11:17 at UTC+4
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(byName.livraisons).toMatchObject({ cron: null, nextRunAt: null, enabled: true });
    expect(byName.gesica.nextRunAt).not.toBeNull();
    expect(byName.pipeline).toMatchObject({ enabled: true, cron: null });

    const registry = t.app.get(SchedulerRegistry);
    expect([...registry.getCronJobs().keys()].sort()).toEqual(['job:factures', 'job:gesica']);
    // NODE_ENV=test: registered, not started
    expect(registry.getCronJob('job:factures').isActive).toBe(false);
  });

  it('stops the start on an invalid cron expression, naming the variable', async () => {
    await expect(startTestApp(testEnv({ CRONTAB_APP_COMMANDES: '61 25 * * *' }))).rejects.toThrow(
      ConfigValidationError,
    );
    await expect(startTestApp(testEnv({ CRONTAB_APP_COMMANDES: 'every day' }))).rejects.toThrow(
      /CRONTAB_APP_COMMANDES: invalid cron expression/,
    );
  });

  it('runs a job from its cron callback with trigger cron', async () => {
    await t.app.get(JobsScheduler).cronJob('factures')!.fireOnTick();
    const runs = await t.http.get('/api/jobs/runs?job=factures&limit=1').set(key).expect(200);
    expect(runs.body[0]).toMatchObject({ job: 'factures', trigger: 'cron', status: 'succeeded' });
  });

  it('starts a run at once (202), answers 409 with the running run id to a second trigger, and the cron skips', async () => {
    const first = await t.http.post('/api/jobs/gesica/run').set(key).expect(202);
    const runId = first.body.runId;
    expect(runId).toEqual(expect.any(Number));
    await blocker.started;

    const second = await t.http.post('/api/jobs/gesica/run').set(key).expect(409);
    expect(second.body).toMatchObject({ error: 'ALREADY_RUNNING', details: { runId } });
    const waited = await t.http.post('/api/jobs/gesica/run?wait=true').set(key).expect(409);
    expect(waited.body.details.runId).toBe(runId);
    expect(await t.app.get(JobsScheduler).tick('gesica')).toEqual({
      ran: false,
      reason: 'already-running',
      runId,
    });
    const legacy = await legacyJobResponse(t.app.get(JobRunner), 'gesica', {});
    expect(legacy.httpStatus).toBe(409);
    expect(legacy.body).toMatchObject({ id: runId, status: 'running' });

    // progress reported by the job is visible while it runs
    const running = await eventually(async () => {
      const res = await t.http.get(`/api/jobs/runs/${runId}`).set(key).expect(200);
      return res.body.progress.done === 1 ? res.body : null;
    });
    expect(running).toMatchObject({ status: 'running', progress: { done: 1, total: 2 }, endedAt: null });
    const list = await t.http.get('/api/jobs').set(key).expect(200);
    expect(list.body.find((j: { name: string }) => j.name === 'gesica').runningRunId).toBe(runId);

    blocker.release();
    const done = await eventually(async () => {
      const res = await t.http.get(`/api/jobs/runs/${runId}`).set(key).expect(200);
      return res.body.status !== 'running' ? res.body : null;
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      trigger: 'api',
      progress: { done: 2, total: 2 },
      counts: { read: 2, created: 1 },
    });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(blocker.calls).toBe(1);
  });

  it('waits with ?wait=true and passes the parameters; records the history', async () => {
    const res = await t.http
      .post('/api/jobs/factures/run?wait=true')
      .set(key)
      .send({ params: { nbJours: 3, dateReference: '2025-10-14' } })
      .expect(200);
    expect(res.body).toMatchObject({
      job: 'factures',
      trigger: 'api',
      status: 'succeeded',
      counts: { read: 3, created: 2, updated: 0, unchanged: 1, skipped: 0, rejected: 0 },
      params: { nbJours: 3, dateReference: '2025-10-14' },
      result: { params: { nbJours: 3, dateReference: '2025-10-14' }, trigger: 'api' },
      errorSummary: null,
      failure: null,
      instance: expect.stringMatching(/:\d+$/),
    });
    const one = await t.http.get(`/api/jobs/runs/${res.body.id}`).set(key).expect(200);
    expect(one.body).toEqual(res.body);
  });

  it('rejects unknown jobs (404), unknown runs (404), bad parameters (400), no key (401)', async () => {
    const unknown = await t.http.post('/api/jobs/nope/run').set(key).expect(404);
    expect(unknown.body.error).toBe('UNKNOWN_JOB');
    await t.http.get('/api/jobs/runs/999999').set(key).expect(404);
    await t.http.get('/api/jobs/runs/abc').set(key).expect(400);
    for (const query of ['limit=0', 'limit=501', 'limit=x', 'status=done', 'job=nope', 'other=1'])
      await t.http.get(`/api/jobs/runs?${query}`).set(key).expect(400);
    await t.http.post('/api/jobs/factures/run?wait=maybe').set(key).expect(400);
    await t.http.get('/api/jobs').expect(401);
  });

  it('turns outcomes into statuses and legacy HTTP statuses: 200, 207, 500, 502', async () => {
    const runner = t.app.get(JobRunner);
    const ok = await legacyJobResponse(runner, 'factures', { nbJours: '2' });
    expect(ok.httpStatus).toBe(200);

    const partial = await legacyJobResponse(runner, 'livraisons');
    expect(partial.httpStatus).toBe(207);
    expect(partial.body).toMatchObject({
      status: 'partial',
      recordErrors: [{ record: 'livraison BL42', code: 'UNKNOWN_DEPOT', message: 'dépôt 9 inconnu' }],
      errorSummary: expect.stringContaining('1 record error'),
    });

    const bug = await legacyJobResponse(runner, 'factures-magasins');
    expect(bug.httpStatus).toBe(500);
    expect(bug.body).toMatchObject({
      status: 'failed',
      errorSummary: 'bug in the job',
      failure: { code: 'INTERNAL_ERROR', external: false },
    });

    const refused = await legacyJobResponse(runner, 'commandes');
    expect(refused.httpStatus).toBe(502);
    expect(refused.body).toMatchObject({ status: 'failed', errorSummary: 'Odoo refused the login' });

    const failed = await t.http.get('/api/jobs/runs?status=failed&limit=500').set(key).expect(200);
    expect(failed.body.map((r: { job: string }) => r.job)).toEqual(
      expect.arrayContaining(['factures-magasins', 'commandes']),
    );
    expect(failed.body.every((r: { status: string }) => r.status === 'failed')).toBe(true);
    const limited = await t.http.get('/api/jobs/runs?limit=2').set(key).expect(200);
    expect(limited.body).toHaveLength(2);
    expect(limited.body[0].id).toBeGreaterThan(limited.body[1].id);
  });

  it('retries transient failures with backoff, never business errors, and bounds the attempts', async () => {
    const runner = t.app.get(JobRunner);
    const recovered = await runner.run('switch-factures', 'api');
    expect(recovered).toMatchObject({ status: 'succeeded', counts: { read: 42 } });
    expect(attempts.transient).toBe(3);

    const business = await runner.run('verif-correspondance', 'api');
    expect(business).toMatchObject({
      status: 'failed',
      errorSummary: 'BAD_KEY: Token API incorrect',
      failure: { code: 'BAD_KEY', external: false },
    });
    expect(attempts.business).toBe(1);

    const down = await legacyJobResponse(runner, 'injection-adherents');
    expect(attempts.always).toBe(3);
    expect(down.httpStatus).toBe(502);
    expect(down.body.failure).toEqual({ code: 'URCOOPA_DOWN', external: true });
  });

  it('runs the daily pipeline in order, each step after the previous, going on after a failure', async () => {
    const res = await t.http.post('/api/jobs/pipeline/run?wait=true').set(key).expect(200);
    const pipeline = res.body;
    expect(pipeline.status).toBe('partial');
    const steps = pipeline.result.steps as Array<{ job: string; status: string; runId: number | null }>;
    expect(steps.map((s) => s.job)).toEqual([...PIPELINE_ORDER]);
    expect(steps.map((s) => s.status)).toEqual([
      'succeeded', // factures
      'partial', // livraisons
      'succeeded', // rapprochement (the real job: nothing to match here)
      'succeeded', // switch-factures
      'failed', // verif-correspondance
      'failed', // injection-adherents
      'failed', // factures-magasins
      'failed', // commandes
    ]);
    expect(pipeline.result.failed).toEqual([
      'verif-correspondance',
      'injection-adherents',
      'factures-magasins',
      'commandes',
    ]);
    expect(pipeline.recordErrors.map((e: { record: string }) => e.record)).toEqual([
      'livraisons',
      'verif-correspondance',
      'injection-adherents',
      'factures-magasins',
      'commandes',
    ]);
    const runs = await Promise.all(
      steps.map(async (s) => (await t.http.get(`/api/jobs/runs/${s.runId}`).set(key).expect(200)).body),
    );
    expect(runs.every((r) => r.trigger === 'pipeline')).toBe(true);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].id).toBeGreaterThan(runs[i - 1].id);
      expect(Date.parse(runs[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].endedAt));
    }
    expect(pipeline.counts.read).toBe(runs.reduce((sum, r) => sum + r.counts.read, 0));
    expect(pipeline.progress).toEqual({ done: PIPELINE_ORDER.length, total: PIPELINE_ORDER.length });
  });

  it('serves Prometheus metrics behind the API key', async () => {
    await t.http.get('/metrics').expect(401);
    const res = await t.http.get('/metrics').set(key).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain('urcoopa_sync_job_runs_total{job="factures",status="succeeded",trigger="api"}');
    expect(text).toContain(
      'urcoopa_sync_job_runs_total{job="livraisons",status="partial",trigger="pipeline"} 1',
    );
    expect(text).toMatch(
      /urcoopa_sync_job_duration_seconds_bucket\{le="0.1",job="factures",status="succeeded"\} \d+/,
    );
    expect(text).toMatch(/urcoopa_sync_job_records_total\{job="factures",kind="created"\} \d+/);
    expect(text).toMatch(/urcoopa_sync_job_last_success_timestamp_seconds\{job="factures"\} \d{10}/);
    expect(text).not.toMatch(/urcoopa_sync_job_last_success_timestamp_seconds\{job="commandes"\}/);
    expect(text).toContain('# TYPE urcoopa_sync_external_calls_total counter');
    expect(text).toContain('urcoopa_sync_process_cpu_seconds_total');
  });
});

describe('jobs not available', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEnv(), {
      extraModules: [
        testJob('gesica', () => ({}), 'GESICA_DB_HOST is not set'),
        // every pipeline job disabled except the last one
        ...PIPELINE_ORDER.slice(0, -1).map((name) => testJob(name, () => ({}), 'disabled in this test')),
        testJob(PIPELINE_ORDER.at(-1)!, () => ({ counts: { read: 1 } })),
      ],
    });
  });
  afterAll(async () => t?.close());

  it('answers 503 NOT_AVAILABLE and the pipeline skips them, reporting it', async () => {
    const disabled = await t.http.post('/api/jobs/gesica/run').set(key).expect(503);
    expect(disabled.body).toMatchObject({
      error: 'NOT_AVAILABLE',
      details: { job: 'gesica', reason: 'GESICA_DB_HOST is not set' },
    });
    const jobs = await t.http.get('/api/jobs').set(key).expect(200);
    expect(jobs.body.find((j: { name: string }) => j.name === 'gesica')).toMatchObject({
      enabled: false,
      unavailableReason: 'GESICA_DB_HOST is not set',
    });
    // a job without any handler at all is reported the same way
    for (const job of jobs.body.filter(
      (j: { enabled: boolean; name: string }) => !j.enabled && j.name !== 'gesica',
    ))
      expect(job.unavailableReason).toBe('disabled in this test');

    const pipeline = await t.http.post('/api/jobs/pipeline/run?wait=true').set(key).expect(200);
    expect(pipeline.body.status).toBe('succeeded');
    expect(pipeline.body.result.skipped).toEqual(PIPELINE_ORDER.slice(0, -1));
    expect(pipeline.body.result.steps[0]).toMatchObject({
      job: 'factures',
      status: 'skipped',
      runId: null,
      reason: 'disabled in this test',
    });
    expect(pipeline.body.result.steps.at(-1)).toMatchObject({
      job: PIPELINE_ORDER.at(-1),
      status: 'succeeded',
    });
    expect(pipeline.body.counts.read).toBe(1);
  });

  it('starts the crons when asked to', async () => {
    const started = await startTestApp(testEnv({ CRONTAB_APP_GESICA: '0 3 * * *' }), { startCrons: true });
    try {
      expect(started.app.get(SchedulerRegistry).getCronJob('job:gesica').isActive).toBe(true);
    } finally {
      await started.close();
    }
  });
});
