import type { SessionData } from 'express-session';
import { createHmac } from 'node:crypto';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config';
import { DatabaseSessionStore } from '../../src/web/auth/database-session.store';
import { StaffSessionEntity } from '../../src/web/auth/entities/staff-session.entity';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';
import { STAFF_PASSWORD, STAFF_USERS } from './web-fixtures';
import { csrfOf, signedInAgent } from './web-session';

const SECRET = 'session-secret-for-the-tests-0123456789';
const OTHER_USER = 'autre:$2b$04$JfGzoULqKiMA9nz/7Eu8f.lcg.R82GQrVsXefvSD.JuLDHFYHMzQ.';

function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []);
  const found = cookies.find((c) => c.startsWith('sic.session='));
  if (!found) throw new Error('no session cookie');
  return found.split(';')[0];
}

/** Signs in with a plain agent and returns the raw session cookie (as a thief would save it) and a CSRF token. */
async function signIn(t: TestApp, username = 'compta'): Promise<{ cookie: string; csrf: string }> {
  const agent = supertest.agent(t.app.getHttpServer());
  const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
  const res = await agent
    .post('/connexion')
    .type('form')
    .send({ username, password: STAFF_PASSWORD, _csrf: csrfOf(form.text) })
    .expect(303);
  const cookie = sessionCookie(res);
  const page = await agent.get('/taches').set('Accept', 'text/html').expect(200);
  return { cookie, csrf: csrfOf(page.text) };
}

describe('server-side sessions on MariaDB', () => {
  let db: TestDatabase;
  let t: TestApp;
  const env = () =>
    testEnv({ ...mysqlEnv(db.config), STAFF_USERS: `${STAFF_USERS},${OTHER_USER}`, SESSION_SECRET: SECRET });

  beforeAll(async () => {
    db = await createTestDatabase('sess');
    t = await startTestApp(env());
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('ends the session at sign-out: a cookie saved before gets the sign-in page, 401, and starts no job', async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
    const res = await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'compta', password: STAFF_PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    const saved = sessionCookie(res);
    const page = await agent.get('/taches').set('Accept', 'text/html').expect(200);
    const csrf = csrfOf(page.text);
    const csrfCookie = ([] as string[])
      .concat(page.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('sic.csrf='));
    const replay = [saved, csrfCookie].filter(Boolean).join('; ');
    await t.http.get('/api/jobs/runs').set('Cookie', replay).expect(200);

    await agent.post('/deconnexion').type('form').send({ _csrf: csrf }).expect(303);

    const html = await t.http.get('/taches').set('Cookie', replay).set('Accept', 'text/html');
    expect(html.status).toBe(302);
    expect(html.headers.location).toMatch(/^\/connexion/);
    await t.http.get('/api/jobs/runs').set('Cookie', replay).expect(401);
    await t.http
      .post('/taches/verif-correspondance/lancer')
      .set('Cookie', replay)
      .type('form')
      .send({ _csrf: csrf })
      .expect(401);
    await t.http
      .post('/api/jobs/pipeline/run')
      .set('Cookie', replay)
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(401);
  });

  it('keeps a session alive while it is used and ends it after the idle time, touching the row only when due', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const idle = 10 * 60_000;
    const store = new DatabaseSessionStore(
      t.app.get(DataSource).getRepository(StaffSessionEntity),
      idle,
      8 * 3600_000,
      () => now,
    );
    const call = <T>(fn: (cb: (err: unknown, value?: T) => void) => void) =>
      new Promise<T | undefined>((resolve, reject) =>
        fn((err, value) => (err ? reject(err) : resolve(value))),
      );
    const expiry = async () => {
      const [row] = await db.query<Array<{ expires_at: Date }>>(
        'SELECT expires_at FROM staff_session WHERE user_name = ?',
        ['idle-test'],
      );
      return row ? new Date(row.expires_at).getTime() : null;
    };
    const request = async () => {
      const session = await call<SessionData | null>((cb) => store.get('sid-idle', cb));
      if (session) await call((cb) => store.touch('sid-idle', session, () => cb(null)));
      return session;
    };
    const data = { cookie: {}, user: 'idle-test', startedAt: now } as unknown as SessionData;
    await call((cb) => store.set('sid-idle', data, cb));
    const signedInAt = now;
    expect(await expiry()).toBe(signedInAt + idle);

    now += 30_000; // within a minute: the row keeps its expiry
    expect(await request()).toMatchObject({ user: 'idle-test' });
    expect(await expiry()).toBe(signedInAt + idle);

    now += 4 * 60_000; // later: the idle expiry moves forward
    expect(await request()).toMatchObject({ user: 'idle-test' });
    const touchedAt = now;
    expect(await expiry()).toBe(touchedAt + idle);

    now = signedInAt + idle + 60_000; // past the first expiry, but used since
    expect(await request()).toMatchObject({ user: 'idle-test' });
    expect(await expiry()).toBe(now + idle);

    // Another instance ends it (sign-out): this one's memory of the row does not keep it alive.
    await db.query('DELETE FROM staff_session WHERE user_name = ?', ['idle-test']);
    expect(await request()).toBeNull();

    await call((cb) => store.set('sid-idle', { ...data, startedAt: now } as SessionData, cb));
    now += idle + 1; // not used for the idle time: gone for good
    expect(await request()).toBeNull();
    expect(await expiry()).toBeNull();
  });

  it('keeps only a hash of the session id, and shares sessions with another instance on the same database', async () => {
    const { cookie } = await signIn(t);
    const id = decodeURIComponent(cookie.slice('sic.session='.length)).replace(/^s:/, '').split('.')[0];
    const rows = await db.query<Array<{ id: string; user_name: string }>>(
      'SELECT id, user_name FROM staff_session WHERE user_name = ?',
      ['compta'],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(id);
    const second = await startTestApp(env());
    try {
      await second.http.get('/api/jobs/runs').set('Cookie', cookie).expect(200);
    } finally {
      await second.close();
    }
  });

  it('ends the session of a user removed from STAFF_USERS at the next request', async () => {
    const { cookie } = await signIn(t, 'autre');
    await t.http.get('/api/jobs/runs').set('Cookie', cookie).expect(200);
    const restarted = await startTestApp(
      testEnv({ ...mysqlEnv(db.config), STAFF_USERS, SESSION_SECRET: SECRET }),
    );
    try {
      const res = await restarted.http.get('/').set('Cookie', cookie).set('Accept', 'text/html');
      expect(res.status).toBe(302);
      await restarted.http.get('/api/jobs/runs').set('Cookie', cookie).expect(401);
    } finally {
      await restarted.close();
    }
    // Gone for good, not only refused by the instance that no longer knows the user.
    await t.http.get('/api/jobs/runs').set('Cookie', cookie).expect(401);
  });

  it('sets an HttpOnly, SameSite=Lax, Secure (when SECURE_COOKIES) session cookie', async () => {
    const secure = await startTestApp(
      testEnv({
        ...mysqlEnv(db.config),
        STAFF_USERS,
        SESSION_SECRET: SECRET,
        SECURE_COOKIES: 'true',
        TRUST_PROXY: 'loopback',
      }),
    );
    try {
      const res = await secure.http
        .get('/connexion')
        .set('Accept', 'text/html')
        .set('X-Forwarded-Proto', 'https');
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('sic.session='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Secure/i);
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF and API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEnv({ STAFF_USERS, SESSION_SECRET: SECRET }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs the CSRF token of a session request whatever X-API-Key header it carries, unless the key is valid', async () => {
    const { agent } = await signedInAgent(t.app);
    await agent
      .post('/inconnus/reinitialiser')
      .set('X-API-Key', 'x')
      .type('form')
      .send({ _csrf: 'junk' })
      .expect(403);
    await agent
      .delete('/reset_table_adherent_article')
      .set('X-API-Key', 'x')
      .send({ _csrf: 'junk' })
      .expect(403);
    await agent.delete('/reset_table_adherent_article').set('X-API-Key', 'x').expect(403);
    // A valid key authenticates by itself (the cookie is ignored): no CSRF token needed.
    await agent.delete('/reset_table_adherent_article').set('X-API-Key', TEST_API_KEY).expect(200);
  });

  it('answers 401 (not 403) to a state-changing request without any credentials', async () => {
    await t.http.delete('/reset_table_adherent_article').expect(401);
    await t.http.post('/api/jobs/pipeline/run').send({}).expect(401);
  });
});

describe('development mode without SESSION_SECRET', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      testEnv({ NODE_ENV: 'development', STAFF_USERS, API_KEYS: TEST_API_KEY, SESSION_SECRET: undefined }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs with a random secret per start, never a hard-coded one', () => {
    const a = loadAppConfig({ NODE_ENV: 'development' });
    const b = loadAppConfig({ NODE_ENV: 'development' });
    expect(a.auth.sessionSecretRandom).toBe(true);
    expect(a.auth.sessionSecret).not.toBe(b.auth.sessionSecret);
    expect(a.auth.sessionSecret).not.toBe('development-only-session-secret');
    expect(a.auth.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a cookie forged with the former development secret', async () => {
    const secret = 'development-only-session-secret';
    const value = Buffer.from(JSON.stringify({ user: 'anyone', sid: 'x', seenAt: Date.now() })).toString(
      'base64',
    );
    const sig = createHmac('sha1', secret)
      .update(`sic.session=${value}`)
      .digest('base64')
      .replace(/\/|\+|=/g, (c) => ({ '/': '_', '+': '-', '=': '' })[c] ?? '');
    const forged = `sic.session=${value}; sic.session.sig=${sig}`;
    const sid = 'forged-session-id';
    const signed = `s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`;
    for (const cookie of [forged, `sic.session=${encodeURIComponent(signed)}`]) {
      const page = await t.http.get('/').set('Cookie', cookie).set('Accept', 'text/html');
      expect(page.status).toBe(302);
      await t.http.get('/taches').set('Cookie', cookie).set('Accept', 'application/json').expect(401);
      await t.http.get('/api/jobs/runs').set('Cookie', cookie).expect(401);
    }
  });
});
