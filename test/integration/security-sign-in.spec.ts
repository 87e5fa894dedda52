import bcrypt from 'bcryptjs';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlEnv, startTestApp, testEnv, TestApp } from '../helpers/app';
import { createTestDatabase, TestDatabase } from '../helpers/mysql';
import { STAFF_PASSWORD, STAFF_USERS } from './web-fixtures';
import { csrfOf } from './web-session';

const SECRET = 'session-secret-for-the-tests-0123456789';

async function signInForm(t: TestApp) {
  const agent = supertest.agent(t.app.getHttpServer());
  const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
  const csrf = csrfOf(form.text);
  const attempt = (username: string, password: string, forwardedFor?: string) => {
    const req = agent.post('/connexion').type('form');
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username, password, _csrf: csrf });
  };
  return { attempt };
}

describe('sign-in lock-out per user name, in the database', () => {
  let db: TestDatabase;
  let t: TestApp;
  const env = (extra: Record<string, string> = {}) =>
    testEnv({
      ...mysqlEnv(db.config),
      STAFF_USERS: `${STAFF_USERS},ancien:${bcrypt.hashSync('ancien-mot-de-passe', 12)}`,
      SESSION_SECRET: SECRET,
      ...extra,
    });

  beforeAll(async () => {
    db = await createTestDatabase('lock');
    t = await startTestApp(env());
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('locks a name after wrong passwords each sent with another X-Forwarded-For, and from any address', async () => {
    const { attempt } = await signInForm(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('compta', 'faux', `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    const locked = await attempt('compta', STAFF_PASSWORD, '198.51.100.7').expect(429);
    expect(locked.text).toContain('Trop de tentatives');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Also when the proxy headers are trusted: the address never chooses the counter.
    const trusting = await startTestApp(env({ TRUST_PROXY: 'true' }));
    try {
      const other = await signInForm(trusting);
      await other.attempt('Compta ', STAFF_PASSWORD, '192.0.2.99').expect(429);
    } finally {
      await trusting.close();
    }
  });

  it('keeps the lock across a restart (another instance on the same database)', async () => {
    const { attempt } = await signInForm(t);
    for (let i = 0; i < 5; i++) await attempt('ancien', 'faux');
    const restarted = await startTestApp(env());
    try {
      const again = await signInForm(restarted);
      await again.attempt('ancien', 'ancien-mot-de-passe').expect(429);
    } finally {
      await restarted.close();
    }
    await db.query('DELETE FROM staff_sign_in_lockout WHERE user_name = ?', ['ancien']);
    // An existing cost-12 bcrypt hash still signs in.
    const { attempt: fresh } = await signInForm(t);
    await fresh('ancien', 'ancien-mot-de-passe').expect(303);
  });
});

describe('sign-in lock-out on SQLite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEnv({ STAFF_USERS, SESSION_SECRET: SECRET }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('locks after 5 failures, and a success forgets the earlier failures', async () => {
    const { attempt } = await signInForm(t);
    for (let i = 0; i < 4; i++) await attempt('compta', 'faux').expect(401);
    await attempt('compta', STAFF_PASSWORD).expect(303);
    const { attempt: next } = await signInForm(t);
    for (let i = 0; i < 4; i++) await next('compta', 'faux').expect(401);
    await next('compta', 'faux').expect(429);
    await next('compta', STAFF_PASSWORD).expect(429);
  });
});
