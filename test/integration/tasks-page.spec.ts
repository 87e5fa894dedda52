import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createDialectDatabase, describeDialects, type DialectDatabase } from '../helpers/dialects';
import { STAFF_USERS } from './web-fixtures';
import { signedInAgent, type Agent } from './web-session';

const ERRORS = JSON.stringify([
  { record: 'facture 1', code: 'UNKNOWN_ARTICLE', message: 'a' },
  { record: 'facture 2', code: 'UNKNOWN_ARTICLE', message: 'b' },
]);

/** A history page's HTML, the attribute escapes of Handlebars undone. */
async function page(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).set('Accept', 'text/html').expect(200);
  return res.text.replaceAll('&#x3D;', '=');
}

/** The run ids listed on a history page, in their order. */
const runIds = (html: string) =>
  [...html.matchAll(/<td><a href="\/taches\/(\d+)">/g)].map((m) => Number(m[1]));

describeDialects('the job history page', (dialect) => {
  let db: DialectDatabase;
  let t: TestApp;
  let agent: Agent;
  beforeAll(async () => {
    db = await createDialectDatabase(dialect, 'tasks');
    t = await startTestApp(testEnv({ ...db.env, STAFF_USERS }));
    // 120 finished runs, every third one of job 'livraisons', run 7 with two record errors and
    // run 8 with a record-errors text that is not JSON (an old or truncated row).
    for (let id = 1; id <= 120; id += 1)
      await db.query(
        `INSERT INTO sync_job_run (id, job, trigger_source, status, started_at, ended_at, duration_ms, record_errors)
         VALUES (?, ?, 'cron', ?, ?, ?, 1200, ?)`,
        [
          id,
          id % 3 === 0 ? 'livraisons' : 'factures',
          id % 10 === 0 ? 'failed' : 'succeeded',
          `2026-01-01 ${String(Math.floor(id / 60)).padStart(2, '0')}:${String(id % 60).padStart(2, '0')}:00`,
          `2026-01-01 ${String(Math.floor(id / 60)).padStart(2, '0')}:${String(id % 60).padStart(2, '0')}:02`,
          id === 7 ? ERRORS : id === 8 ? '[{"record": "cut' : null,
        ],
      );
    ({ agent } = await signedInAgent(t.app));
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('pages the runs newest first, 50 at a time, with a link to the older ones', async () => {
    const first = await page(agent, '/taches');
    expect(runIds(first)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    expect(first).toContain('href="/taches?avant=71"');
    expect(first).not.toContain('Les plus récentes');
    const second = await page(agent, '/taches?avant=71');
    expect(runIds(second)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    const last = await page(agent, '/taches?avant=21');
    expect(runIds(last)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(last).not.toContain('Plus anciennes');
    expect(last).toContain('href="/taches">← Les plus récentes');
  });

  it('counts each run’s record errors, an unreadable list as none', async () => {
    const html = await page(agent, '/taches?avant=9');
    expect(html).toContain('<a href="/taches/7#erreurs">2 erreur(s)</a>');
    expect(html).not.toContain('/taches/8#erreurs');
    // Shown in the business zone (UTC+4).
    expect(html).toContain('01/01/2026 04:07');
  });

  it('keeps the filters in the links and filters by job and status', async () => {
    const ids = runIds(await page(agent, '/taches?tache=livraisons&statut=succeeded'));
    expect(ids.length).toBe(36);
    expect(ids.every((id) => id % 3 === 0 && id % 10 !== 0)).toBe(true);
    const failed = await page(agent, '/taches?statut=failed&avant=100');
    expect(runIds(failed)).toEqual([90, 80, 70, 60, 50, 40, 30, 20, 10]);
    expect(failed).not.toContain('Plus anciennes');
    expect(failed).toContain('href="/taches?statut=failed">← Les plus récentes');
  });

  it('gives each job its last run, read exactly (dates, counts, record errors)', async () => {
    const res = await t.http.get('/api/jobs').set('X-API-Key', TEST_API_KEY).expect(200);
    const byName = new Map<string, { lastRun: Record<string, unknown> | null }>(
      (res.body as Array<{ name: string; lastRun: Record<string, unknown> | null }>).map((j) => [j.name, j]),
    );
    expect(byName.get('livraisons')!.lastRun).toMatchObject({
      id: 120,
      job: 'livraisons',
      trigger: 'cron',
      status: 'failed',
      startedAt: '2026-01-01T02:00:00.000Z',
      endedAt: '2026-01-01T02:00:02.000Z',
      durationMs: 1200,
      recordErrors: [],
    });
    expect(byName.get('factures')!.lastRun).toMatchObject({ id: 119, startedAt: '2026-01-01T01:59:00.000Z' });
    expect(byName.get('gesica')!.lastRun).toBeNull();
  });

  it('refuses a cursor that is not a run id with 400', async () => {
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999999']) {
      const res = await agent.get(`/taches?avant=${bad}`).set('Accept', 'application/json');
      expect(res.status, bad).toBe(400);
    }
  });
});
