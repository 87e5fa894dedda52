import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownMemberEntity } from '../../src/correspondence/entities/unknown-member.entity';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { LogCapture } from '../helpers/log-capture';
import { STAFF_USERS } from './web-fixtures';

const URCOOPA_SECRET = 'URCOOPA-SECRET-0123456789';
const HOSTILE_NAME = "-2+3+cmd|' /C calc'!A0";

describe('hostile input gets a 4xx, secrets stay out of logs and runs', () => {
  let t: TestApp;
  const logs = new LogCapture();
  const api = (method: 'get' | 'post' | 'delete', path: string) =>
    t.http[method](path).set('X-API-Key', TEST_API_KEY);

  beforeAll(async () => {
    t = await startTestApp(testEnv({ STAFF_USERS, LOG_LEVEL: 'info', SESSION_SECRET: 'x'.repeat(40) }), {
      logStream: logs,
    });
    const repo = t.app.get(DataSource).getRepository(UnknownMemberEntity);
    await repo.save(
      repo.create({ Nom_Adherent_Urcoopa: HOSTILE_NAME, Code_Client: '1999', first_seen_at: new Date() }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 415 to a bad charset, 413 to a body too large or too many form fields, 400 to bad JSON', async () => {
    for (const auth of [true, false]) {
      const post = (path: string) => (auth ? api('post', path) : t.http.post(path));
      await post('/api/jobs/pipeline/run')
        .set('Content-Type', 'application/json; charset=bogus')
        .send('{"a":1}')
        .expect(415);
      await post('/api/jobs/pipeline/run')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ params: { big: 'x'.repeat(2 * 1024 * 1024) } }))
        .expect(413);
      await post('/api/jobs/pipeline/run')
        .set('Content-Type', 'application/json')
        .send('{"params":')
        .expect(400);
      const many = Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&');
      const res = await post('/connexion').type('form').send(many);
      expect([400, 413]).toContain(res.status);
    }
  });

  it('refuses a body nested too deep with 400 before validation (no stack overflow)', async () => {
    const deep = '['.repeat(40_000) + ']'.repeat(40_000);
    const res = await api('post', '/valider-toutes-factures')
      .set('Content-Type', 'application/json')
      .send(deep);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('BODY_TOO_DEEP');
    const object = JSON.stringify({ numeros: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
    await api('post', '/valider-toutes-factures')
      .set('Content-Type', 'application/json')
      .send(object)
      .expect(400);
  });

  it('takes ids as positive 32-bit integers only', async () => {
    for (const id of ['1e30', '1e308', '9223372036854775808', '2147483648', '0', '-1']) {
      const res = await api('post', '/api/inconnus/adherents/resolve')
        .set('Content-Type', 'application/json')
        .send(`{"codeClient":"1999","odooPartnerId":${id}}`);
      expect(res.status, id).toBe(400);
      const article = await api('post', '/api/inconnus/articles/resolve')
        .set('Content-Type', 'application/json')
        .send(`{"code":"X","odooProductId":${id}}`);
      expect(article.status, id).toBe(400);
      await api('get', `/api/jobs/runs/${id}`).expect(400);
    }
    await api('get', '/api/jobs/runs/99999999999999999999').expect(400);
    await api('get', '/api/jobs/runs/2147483647').expect(404);
  });

  it('refuses job parameters that carry a secret, and stores none', async () => {
    for (const params of [
      { xCleAPI: URCOOPA_SECRET },
      { nbJours: 3, options: { api_key: URCOOPA_SECRET } },
      { PASSWORD_ODOO: URCOOPA_SECRET },
    ]) {
      const res = await api('post', '/api/jobs/pipeline/run').send({ params }).expect(400);
      expect(JSON.stringify(res.body)).not.toContain(URCOOPA_SECRET);
    }
    const runs = await api('get', '/api/jobs/runs').expect(200);
    expect(JSON.stringify(runs.body)).not.toContain(URCOOPA_SECRET);
  });

  it('redacts xCleAPI however it is spelled, in access and error logs', async () => {
    const spellings = [
      `xCle%41PI=${URCOOPA_SECRET}-1`,
      `%78CleAPI=${URCOOPA_SECRET}-2`,
      `xCleAPI=${URCOOPA_SECRET}-3&xCleAPI=${URCOOPA_SECRET}-4`,
      `xCleAPI%5B%5D=${URCOOPA_SECRET}-5`,
      `XCLEAPI=${URCOOPA_SECRET}-6`,
    ];
    for (const q of spellings) {
      await api('get', `/Recupere_Factures/?nb_jours=0&${q}`).expect(400);
      await api('get', `/recupere_livraison/?${q}`);
      await t.http.get(`/Recupere_Factures/?${q}`).expect(401);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.text).toContain('Recupere_Factures');
    expect(logs.text).not.toContain(URCOOPA_SECRET);
  });

  it('logs client errors at warn without a stack', async () => {
    const before = logs.lines.length;
    await api('get', '/api/jobs/runs/0').expect(400);
    await new Promise((r) => setTimeout(r, 100));
    const entries = logs.lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.level).toBe(40);
      expect(JSON.stringify(e)).not.toMatch(/"stack"|\n\s+at /);
    }
  });

  it('neutralises formulas in every CSV export', async () => {
    for (const path of ['/export_inconnus/clients', '/inconnus/export/clients', '/export_inconnus/all']) {
      const res = await api('get', path)
        .buffer(true)
        .parse((r, cb) => {
          let data = '';
          r.on('data', (c: Buffer) => (data += c.toString('utf8')));
          r.on('end', () => cb(null, data));
        })
        .expect(200);
      expect(res.body as string, path).toContain(`'${HOSTILE_NAME}`);
      expect(res.body as string, path).not.toMatch(/(^|[,;\n])-2\+3/);
    }
  });

  it('sends a Content-Security-Policy without inline scripts', async () => {
    const res = await t.http.get('/connexion').set('Accept', 'text/html').expect(200);
    const scriptSrc = /script-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain('unsafe-inline');
  });
});
