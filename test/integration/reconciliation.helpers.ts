import { expect } from 'vitest';
import { REFERENCE_DAY, TEST_API_KEY, type ImportHarness, type RunBody } from './invoice-import.helpers';

const WINDOW = `nb_jours=30&dateReference=${REFERENCE_DAY}`;

export async function runJob(h: ImportHarness, name: string): Promise<RunBody> {
  const res = await h.app.http
    .post(`/api/jobs/${name}/run?wait=true`)
    .set('X-API-Key', TEST_API_KEY)
    .send({});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as RunBody;
}

/** Invoices and deliveries of the world imported (jobs 1 and 2), as the daily pipeline does. */
export async function importWorld(h: ImportHarness): Promise<void> {
  expect((await h.get('/Recupere_Factures/', WINDOW)).status).toBe(200);
  expect((await h.get('/recupere_livraison/', WINDOW)).status).toBe(200);
}
