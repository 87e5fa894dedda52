import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';
import { testJob } from './jobs.helpers';

const ERRORS = 1500;

describe('a run with many record errors (MariaDB)', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('jobs_large');
    const noisy = testJob('gesica', () => ({
      counts: { read: ERRORS, rejected: ERRORS },
      errors: Array.from({ length: ERRORS }, (_, i) => ({
        record: `facture ${251_000_000 + i}`,
        field: 'Detail[3].Quantite_Facturee',
        code: 'INVALID_NUMBER',
        message: `La quantité facturée de la ligne 3 de la facture ${251_000_000 + i} n'est pas un nombre : « deux virgule cinq »`,
      })),
      details: { orders: Array.from({ length: ERRORS }, (_, i) => ({ po: `P${i}`, outcome: 'rejected' })) },
    }));
    t = await startTestApp(testEnv(mysqlEnv(db.config)), { extraModules: [noisy] });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('records its end, its counts and its errors (up to the kept maximum)', async () => {
    const res = await t.http
      .post('/api/jobs/gesica/run?wait=true')
      .set('X-API-Key', TEST_API_KEY)
      .expect(200);
    expect(res.body.status).toBe('partial');
    expect(res.body.counts.rejected).toBe(ERRORS);
    const [row] = await db.query<Array<{ status: string; ended_at: Date | null; errors: number }>>(
      'SELECT status, ended_at, JSON_LENGTH(record_errors) AS errors FROM sync_job_run WHERE id = ?',
      [res.body.id],
    );
    expect(row.status).toBe('partial');
    expect(row.ended_at).not.toBeNull();
    expect(Number(row.errors)).toBe(1000);
    const view = await t.http.get(`/api/jobs/runs/${res.body.id}`).set('X-API-Key', TEST_API_KEY).expect(200);
    expect(view.body.recordErrors[0].record).toBe('facture 251000000');
    expect(view.body.result.orders).toHaveLength(ERRORS);
  });
});
