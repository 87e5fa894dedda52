/**
 * The hostile suite: every route the app serves (the Express router, so that pages without an
 * OpenAPI description are covered too, and the OpenAPI document), discovered at run time, is
 * probed without credentials, with a session and a bad or missing CSRF token, and with a few
 * thousand fuzzed parameters and bodies, in production mode on MariaDB with both sandboxes. A new
 * route without authentication, a form without CSRF, a 500 or a secret in the logs fails it.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { startUrcoopaSandbox, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { sandboxAppEnv } from '../../src/sandbox/app-env';
import { generateWorld } from '../../src/sandbox/world/world';
import { startTestApp, TEST_API_KEY, testEnv, type TestApp } from '../helpers/app';
import { LogCapture } from '../helpers/log-capture';
import { createTestDatabase, type TestDatabase } from '../helpers/mysql';
import { fuzzCases, type FuzzCase } from './hostile/fuzz-requests';
import { discoverRoutes, fillPath, type OpenApiDocument, type RouteInfo } from './hostile/route-catalog';
import { STAFF_PASSWORD, STAFF_USERS } from './web-fixtures';
import { csrfOf } from './web-session';

const SESSION_SECRET = 'hostile-suite-session-secret-0123456789abcdef';
const URCOOPA_KEY = 'hostile-urcoopa-key-0123456789';

/** Routes that answer without credentials, on purpose. Anything else must refuse. */
const PUBLIC_ROUTES = [
  'get /health',
  'get /health/ready',
  'get /connexion',
  'post /connexion',
  'get /docs',
  'get /docs/',
  'get /docs-json',
  'get /docs-yaml',
  /^get \/docs\//,
];
const isPublic = (r: RouteInfo) =>
  PUBLIC_ROUTES.some((p) =>
    typeof p === 'string' ? p === `${r.method} ${r.path}` : p.test(`${r.method} ${r.path}`),
  );
const UNSAFE = (r: RouteInfo) => r.method !== 'get';
/** 5xx a route may answer: an outside system (Odoo, Urcoopa) failing or a job not available. */
const ALLOWED_5XX = [502, 503];

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

describe('hostile suite (every route, discovered)', () => {
  let db: TestDatabase;
  let urcoopa: UrcoopaSandbox;
  let odoo: OdooSandbox;
  let t: TestApp;
  let routes: RouteInfo[];
  let secrets: string[];
  const logs = new LogCapture();

  beforeAll(async () => {
    db = await createTestDatabase('hostile');
    const world = generateWorld({ invoices: 6, linesPerInvoice: 2, days: 5, purchaseOrders: 3 });
    urcoopa = await startUrcoopaSandbox({ world, apiKey: URCOOPA_KEY });
    odoo = await startOdooSandbox({ world });
    const { host, port, user, password, database } = db.config;
    t = await startTestApp(
      testEnv({
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DB_TYPE: 'mysql',
        DATABASE_URL: `mysql://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`,
        SQLITE_PATH: undefined,
        SESSION_SECRET,
        SECURE_COOKIES: 'false',
        STAFF_USERS,
        ...sandboxAppEnv(urcoopa, odoo),
        ODOO_TIMEOUT_MS: '3000',
        URCOOPA_TIMEOUT_MS: '3000',
      }),
      { logStream: logs, startCrons: false },
    );
    secrets = [TEST_API_KEY, SESSION_SECRET, STAFF_PASSWORD, URCOOPA_KEY, odoo.password].filter(
      (s) => s.length >= 8,
    );
    const doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    routes = discoverRoutes(t.app, doc);
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([urcoopa?.close(), odoo?.close()]);
    await db?.drop();
  });

  async function signedIn() {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
    await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'compta', password: STAFF_PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    const page = await agent.get('/taches').set('Accept', 'text/html').expect(200);
    return { agent, csrf: csrfOf(page.text) };
  }

  it('discovers the API and the staff pages', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining(['post /api/jobs/:name/run', 'get /taches', 'post /deconnexion']),
    );
    expect(routes.filter((r) => !r.documented).length).toBeGreaterThan(10);
  });

  it('refuses every non-public route without credentials: 401, or the sign-in page', async () => {
    const failures: string[] = [];
    await pool(
      routes.filter((r) => !isPublic(r)),
      8,
      async (route) => {
        const url = fillPath(route);
        const json = await t.http[route.method](url).set('Accept', 'application/json');
        if (json.status !== 401) failures.push(`${route.method} ${url} (json) → ${json.status}`);
        const html = await t.http[route.method](url).set('Accept', 'text/html').set('X-API-Key', 'not-a-key');
        const toSignIn = html.status === 302 && String(html.headers.location).startsWith('/connexion');
        if (html.status !== 401 && !toSignIn) failures.push(`${route.method} ${url} (html) → ${html.status}`);
      },
    );
    expect(failures).toEqual([]);
  });

  it('refuses every state-changing request of a session without the right CSRF token: 403', async () => {
    const { agent, csrf } = await signedIn();
    const failures: string[] = [];
    for (const route of routes.filter(UNSAFE)) {
      const url = fillPath(route);
      const attempts = [
        agent[route.method](url).type('form').send({}),
        agent[route.method](url).type('form').send({ _csrf: 'junk' }),
        agent[route.method](url)
          .set('X-CSRF-Token', `${csrf.slice(0, -2)}xx`)
          .send({}),
        agent[route.method](url).set('X-API-Key', 'x').type('form').send({ _csrf: 'junk' }),
      ];
      for (const [i, attempt] of attempts.entries()) {
        const res = await attempt;
        if (res.status !== 403) failures.push(`${route.method} ${url} (#${i}) → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // Still signed in: the refusals changed nothing.
    await agent.get('/taches').set('Accept', 'text/html').expect(200);
  });

  it('answers fuzzed parameters and bodies without a 5xx (except 502/503 of the outside systems)', async () => {
    const { agent, csrf } = await signedIn();
    const cases: Array<FuzzCase & { web: boolean }> = routes
      .filter((r) => !r.path.startsWith('/docs'))
      .flatMap((route) =>
        fuzzCases(route, URCOOPA_KEY).map((c) => ({
          ...c,
          // The pages and forms as staff use them (session + CSRF header); the API with its key.
          web: !route.documented && !['/connexion', '/deconnexion'].includes(route.path),
        })),
      );
    expect(cases.length).toBeGreaterThan(1500);
    expect(cases.length).toBeLessThan(4500);
    const failures: string[] = [];
    await pool(cases, 8, async (c) => {
      const req = c.web
        ? agent[c.method](c.url).set('X-CSRF-Token', csrf)
        : t.http[c.method](c.url).set('X-API-Key', TEST_API_KEY);
      if (c.contentType) req.set('Content-Type', c.contentType);
      const res = await (c.body !== undefined ? req.send(c.body) : req);
      if (res.status >= 500 && !ALLOWED_5XX.includes(res.status)) {
        failures.push(
          `${c.method} ${c.url.slice(0, 120)} [${c.label}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
      }
    });
    expect(failures).toEqual([]);
  }, 180_000);

  it('never logs a configured secret', async () => {
    // Let the runs started by the fuzzing end (their logs count too).
    for (let i = 0; i < 60; i++) {
      const running = await t.http.get('/api/jobs/runs?status=running').set('X-API-Key', TEST_API_KEY);
      if (Array.isArray(running.body) ? running.body.length === 0 : (running.body?.runs ?? []).length === 0)
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(logs.lines.length).toBeGreaterThan(1000);
    const text = logs.text;
    for (const secret of secrets)
      expect(text.includes(secret), `a secret of length ${secret.length} is in the logs`).toBe(false);
  });
});
