import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';
import { blockingJob, eventually, testJob } from './jobs.helpers';

const key = { 'X-API-Key': TEST_API_KEY };

/**
 * Jobs 1, 4, 5 and 6 write the same invoice rows: while one runs, the others wait their turn, in
 * this instance or another one on the same database.
 */
describe('jobs writing the same invoice lines exclude each other (MariaDB, two instances)', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const importing = blockingJob('factures');
  const injectA = testJob('injection-adherents', () => ({ counts: { read: 1 } }));
  const injectB = testJob('injection-adherents', () => ({ counts: { read: 1 } }));
  const deliveries = testJob('livraisons', () => ({ counts: { read: 1 } }));

  beforeAll(async () => {
    db = await createTestDatabase('jobs_excl');
    const env = testEnv(mysqlEnv(db.config));
    a = await startTestApp(env, { extraModules: [importing.module, injectA, deliveries] });
    b = await startTestApp(env, { extraModules: [injectB] });
  });
  afterAll(async () => {
    importing.release();
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('answers 409 with the running import to an injection, here and in the other instance', async () => {
    const { body } = await a.http.post('/api/jobs/factures/run').set(key).expect(202);
    await importing.started;
    const here = await a.http.post('/api/jobs/injection-adherents/run').set(key).expect(409);
    expect(here.body.details.runId).toBe(body.runId);
    const there = await b.http.post('/api/jobs/injection-adherents/run').set(key).expect(409);
    expect(there.body.details.runId).toBe(body.runId);
    // A job outside the group is not held up.
    await a.http.post('/api/jobs/livraisons/run?wait=true').set(key).expect(200);

    importing.release();
    await eventually(async () => {
      const run = await a.http.get(`/api/jobs/runs/${body.runId}`).set(key);
      return run.body.status !== 'running';
    });
    const after = await b.http.post('/api/jobs/injection-adherents/run?wait=true').set(key).expect(200);
    expect(after.body.status).toBe('succeeded');
  });
});
