import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/jobs/job-runner.service';
import { buildPushUrl, redactPushUrl } from '../../src/jobs/uptime-kuma.client';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { PushServer, startPushServer, testJob } from './jobs.helpers';

const key = { 'X-API-Key': TEST_API_KEY };
const TOKEN = 'Zk3SecretPushToken';

describe('Uptime Kuma pushes', () => {
  let kuma: PushServer;
  let silent: PushServer;
  let t: TestApp;
  let fail = false;

  beforeAll(async () => {
    kuma = await startPushServer();
    silent = await startPushServer({ hang: true });
    t = await startTestApp(
      testEnv({
        UPTIME_KUMA_PUSH_URL_FACTURES: `${kuma.url}/api/push/${TOKEN}?status=up&msg=OK&ping=`,
        UPTIME_KUMA_PUSH_URL_LIVRAISON: `${kuma.url}/api/push/${TOKEN}2`,
        UPTIME_KUMA_PUSH_URL_COMMANDES: `${silent.url}/api/push/${TOKEN}3`,
        UPTIME_KUMA_TIMEOUT_MS: '200',
      }),
      {
        extraModules: [
          testJob('factures', () => {
            if (fail) throw new Error('Urcoopa unreachable');
            return { counts: { read: 12, created: 10, updated: 1, unchanged: 1 } };
          }),
          testJob('livraisons', () => ({
            counts: { read: 3, created: 2, rejected: 1 },
            errors: [{ record: 'BL7', code: 'X', message: 'bad' }],
          })),
          testJob('commandes', () => ({ counts: { read: 1 } })),
          testJob('switch-factures', () => ({})),
        ],
      },
    );
  });
  afterAll(async () => {
    await t?.close();
    await kuma?.close();
    await silent?.close();
  });

  it('pushes status=up with the counts and the duration after a succeeded run', async () => {
    const received = kuma.next();
    const run = await t.app.get(JobRunner).run('factures', 'api');
    const url = await received;
    expect(url.pathname).toBe(`/api/push/${TOKEN}`);
    expect(url.searchParams.getAll('status')).toEqual(['up']);
    expect(url.searchParams.get('msg')).toBe('read=12 created=10 updated=1 unchanged=1 skipped=0 rejected=0');
    expect(url.searchParams.get('ping')).toBe(String(run.durationMs));
  });

  it('pushes status=down with a short reason after a failed or partial run', async () => {
    fail = true;
    let received = kuma.next();
    await t.app.get(JobRunner).run('factures', 'api');
    let url = await received;
    expect(url.searchParams.get('status')).toBe('down');
    expect(url.searchParams.get('msg')).toBe('failed: Urcoopa unreachable');
    fail = false;

    received = kuma.next();
    await t.app.get(JobRunner).run('livraisons', 'api');
    url = await received;
    expect(url.pathname).toBe(`/api/push/${TOKEN}2`);
    expect(url.searchParams.get('status')).toBe('down');
    expect(url.searchParams.get('msg')).toMatch(/^partial: 1 record error\(s\); first: BL7: bad$/);
  });

  it('never fails the job when Uptime Kuma does not answer (timeout) or is not configured', async () => {
    const before = Date.now();
    const run = await t.app.get(JobRunner).run('commandes', 'api');
    expect(run.status).toBe('succeeded');
    expect(silent.requests).toHaveLength(1);
    expect(Date.now() - before).toBeLessThan(3_000);
    expect((await t.app.get(JobRunner).run('switch-factures', 'api')).status).toBe('succeeded');
    const metrics = await t.http.get('/metrics').set(key).expect(200);
    expect(metrics.text).toMatch(
      /urcoopa_sync_external_calls_total\{system="uptime-kuma",operation="push",outcome="timeout"\} 1/,
    );
    expect(metrics.text).toMatch(
      /urcoopa_sync_external_calls_total\{system="uptime-kuma",operation="push",outcome="success"\} 3/,
    );
  });

  it('redacts the push token from logged URLs and keeps other query parameters', () => {
    expect(redactPushUrl(`https://kuma.example.re/api/push/${TOKEN}?status=up&msg=OK`)).toBe(
      'https://kuma.example.re/api/push/[REDACTED]',
    );
    const url = new URL(
      buildPushUrl(`https://kuma.example.re/api/push/${TOKEN}?foo=1&status=up&msg=OK&ping=`, {
        job: 'factures',
        status: 'failed',
        durationMs: null,
        counts: { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 },
        errorSummary: 'x'.repeat(500),
      }),
    );
    expect(url.searchParams.get('foo')).toBe('1');
    expect(url.searchParams.get('status')).toBe('down');
    expect(url.searchParams.get('msg')!.length).toBeLessThanOrEqual(200);
    expect(url.searchParams.has('ping')).toBe(false);
  });
});

describe('abandoned runs on SQLite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jobs-sqlite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('marks the running rows of a dead process abandoned at start and takes over its stale lock', async () => {
    const env = testEnv({ SQLITE_PATH: join(dir, 'export.sqlite') });
    const first = await startTestApp(env);
    const ds = first.app.get(DataSource);
    await ds.query(
      `INSERT INTO sync_job_run (job, trigger_source, status, started_at, instance) VALUES ('factures', 'cron', 'running', '2025-10-14 07:17:00', 'dead:999999')`,
    );
    const [{ id }] = await ds.query(`SELECT max(id) AS id FROM sync_job_run`);
    // a lock left by a process of this host that no longer exists
    await ds.query(
      `INSERT INTO sync_job_lock (job, run_id, owner, locked_at) VALUES ('factures', ?, ?, '2025-10-14 07:17:00')`,
      [id, `${hostname()}:999999:abcd#ef`],
    );
    await first.close();

    const second = await startTestApp(env, {
      extraModules: [testJob('factures', () => ({ counts: { read: 1 } }))],
    });
    try {
      const res = await second.http.get(`/api/jobs/runs/${id}`).set(key).expect(200);
      expect(res.body).toMatchObject({ status: 'abandoned', instance: 'dead:999999' });
      const run = await second.http.post('/api/jobs/factures/run?wait=true').set(key).expect(200);
      expect(run.body.status).toBe('succeeded');
      const db = second.app.get(DataSource);
      expect(await db.query('SELECT * FROM sync_job_lock')).toEqual([]);

      // a lock whose run has ended is stale: taken over
      await db.query(
        `INSERT INTO sync_job_lock (job, run_id, owner, locked_at) VALUES ('factures', ?, 'other-host:1:ab#cd', '2025-10-14 07:17:00')`,
        [run.body.id],
      );
      expect(
        (await second.http.post('/api/jobs/factures/run?wait=true').set(key).expect(200)).body.status,
      ).toBe('succeeded');
      // a lock of a live process of this host on a running run is respected: 409 with its run id
      await db.query(
        `INSERT INTO sync_job_run (job, trigger_source, status, started_at, instance) VALUES ('factures', 'cli', 'running', '2025-10-14 08:00:00', 'cli:1')`,
      );
      const [{ id: liveRun }] = await db.query(`SELECT max(id) AS id FROM sync_job_run`);
      await db.query(
        `INSERT INTO sync_job_lock (job, run_id, owner, locked_at) VALUES ('factures', ?, ?, '2025-10-14 08:00:00')`,
        [liveRun, `${hostname()}:${process.ppid}:abcd#ef`],
      );
      const busy = await second.http.post('/api/jobs/factures/run').set(key).expect(409);
      expect(busy.body.details.runId).toBe(liveRun);
    } finally {
      await second.close();
    }
  });
});
