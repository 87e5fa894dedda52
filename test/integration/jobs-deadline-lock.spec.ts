import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLockService } from '../../src/jobs/job-lock';
import { eventually } from './jobs.helpers';
import {
  count,
  REFERENCE_DAY,
  rows,
  startImportHarness,
  TEST_API_KEY,
  type ImportHarness,
} from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

async function lockHolder(h: ImportHarness, key: string): Promise<number | null> {
  const name = h.app.app.get(JobLockService).mysqlLockName(key);
  const [row] = await rows<{ holder: number | string | null }>(h, 'SELECT IS_USED_LOCK(?) AS holder', [name]);
  return row.holder === null ? null : Number(row.holder);
}

describe('a run past JOB_DEADLINE_MS (MariaDB)', () => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImportHarness({ world: { invoices: 12, seed: 5 }, env: { JOB_DEADLINE_MS: '1' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stops before its next batch, is recorded failed with the reason, and releases its locks', async () => {
    const { status, body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(status).toBe(500);
    expect(body.status).toBe('failed');
    expect(body.failure).toMatchObject({ code: 'JOB_DEADLINE' });
    expect(body.errorSummary).toMatch(/JOB_DEADLINE_MS/);
    expect(await count(h, 'sic_urcoopa_facture')).toBe(0);
    expect(await lockHolder(h, 'factures')).toBeNull();
    expect(await lockHolder(h, 'group:invoice-lines')).toBeNull();
    // Not 409: the next run can start (and stops the same way).
    expect((await h.get('/Recupere_Factures/', WINDOW)).body.failure).toMatchObject({ code: 'JOB_DEADLINE' });
  });
});

describe('a run whose lock connection drops (MariaDB KILL)', () => {
  let h: ImportHarness;
  beforeAll(async () => {
    h = await startImportHarness({ world: { invoices: 12, seed: 6 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('notices before its next write, fails JOB_LOCK_LOST, and writes nothing', async () => {
    h.urcoopa.faults.inject('Get_Factures', { latencyMs: 1_500, times: 1 });
    const started = await h.app.http
      .post('/api/jobs/factures/run')
      .set('X-API-Key', TEST_API_KEY)
      .send({ params: { nbJours: 30, dateReference: REFERENCE_DAY } })
      .expect(202);
    const holder = await eventually(() => lockHolder(h, 'factures'));
    await h.ds.query(`KILL ${holder}`);

    const run = await eventually(async () => {
      const res = await h.app.http.get(`/api/jobs/runs/${started.body.runId}`).set('X-API-Key', TEST_API_KEY);
      return res.body.status === 'running' ? null : res.body;
    }, 15_000);
    expect(run.status).toBe('failed');
    expect(run.failure).toMatchObject({ code: 'JOB_LOCK_LOST' });
    expect(run.errorSummary).toMatch(/lock was lost/);
    expect(await count(h, 'sic_urcoopa_facture')).toBe(0);
    expect(await lockHolder(h, 'factures')).toBeNull();
    expect(await lockHolder(h, 'group:invoice-lines')).toBeNull();

    const { body } = await h.get('/Recupere_Factures/', WINDOW);
    expect(body.status).toBe('succeeded');
    expect(body.counts.created).toBe(12);
  });
});
