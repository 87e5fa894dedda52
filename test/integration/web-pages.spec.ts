import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownArticleEntity } from '../../src/correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../../src/correspondence/entities/unknown-member.entity';
import { SentOrderEntity } from '../../src/orders/entities/sent-order.entity';
import { startTestApp, TEST_API_KEY, testEnv, TestApp } from '../helpers/app';
import { seedLines, STAFF_PASSWORD, STAFF_USERS } from './web-fixtures';
import { csrfOf, signedInAgent } from './web-session';

const PAGES = [
  '/',
  '/factureAdherentUrcoopa',
  '/factureAdherentUrcoopa?statut=a_traiter&categorie=inconnu&mois=2025-10&q=EARL&page=2',
  '/factureAdherentUrcoopa/251004512',
  '/factureAdherentUrcoopa/251004512/impression',
  '/inconnus',
  '/comptabilite',
  '/comptabilite?mois=2025-10',
  '/taches',
  '/taches?tache=factures&statut=failed',
];

describe('staff pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testEnv({ STAFF_USERS, URL_ODOO: 'https://odoo.example' }));
    await seedLines(t.app, [
      {
        numero: '251004512',
        ligne: 1,
        date: '2025-10-14',
        codeClient: '1873',
        nomClient: '<script>alert(1)</script>',
        ht: '608.00',
        qty: '40',
        price: '15.2',
        clientOdoo: 'INCONNU !',
      },
      {
        numero: '251004512',
        ligne: 2,
        date: '2025-10-14',
        codeClient: '1873',
        nomClient: '<script>alert(1)</script>',
        ht: '1215.58',
        unit: 'TO',
        qty: '2.5',
        price: '486.232',
      },
      {
        numero: '251004600',
        date: '2025-10-20',
        codeClient: '1900',
        nomClient: 'GAEC DU VOLCAN',
        ht: '100.00',
        clientOdoo: 'CLIENT : A1900',
        idClientOdoo: 42,
        validated: true,
      },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('redirects every page to /connexion without a session', async () => {
    for (const path of PAGES) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect(res.status, path).toBe(302);
      expect(res.headers.location).toBe(`/connexion?suite=${encodeURIComponent(path)}`);
    }
    await t.http.get('/').expect(401); // a JSON client still gets 401
  });

  it('serves every page with a session', async () => {
    const { agent } = await signedInAgent(t.app);
    for (const path of PAGES) {
      const res = await agent.get(path).set('Accept', 'text/html');
      expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
    await agent.get('/factureAdherentUrcoopa/999999999').set('Accept', 'text/html').expect(404);
    await agent.get('/taches/99999').set('Accept', 'text/html').expect(404);
    await agent.get('/comptabilite?mois=2025-13').set('Accept', 'text/html').expect(400);
  });

  it('counts the unknown members and articles, and this month’s sent orders, on the dashboard', async () => {
    const { agent } = await signedInAgent(t.app);
    const ds = t.app.get(DataSource);
    await ds
      .getRepository(UnknownMemberEntity)
      .insert([{ Nom_Adherent_Urcoopa: 'EARL UN' }, { Nom_Adherent_Urcoopa: 'EARL DEUX' }]);
    await ds.getRepository(UnknownArticleEntity).insert([{ Numero_Article_Urcoopa: 'X-1' }]);
    const now = new Date();
    await ds.getRepository(SentOrderEntity).insert([
      { Numero_Commande: 'P1', date_envoi_commande: now, status: 'sent' },
      { Numero_Commande: 'P2', date_envoi_commande: now, status: 'already_received' },
      { Numero_Commande: 'P3', date_envoi_commande: now, status: 'rejected' },
      { Numero_Commande: 'P4', date_envoi_commande: new Date(Date.UTC(2020, 0, 5)), status: 'sent' },
    ]);
    try {
      const page = await agent.get('/').set('Accept', 'text/html').expect(200);
      expect(page.text).toContain(
        '<span class="kpi-label">Commandes envoyées</span><span class="kpi-value">2</span>',
      );
      expect(page.text).toMatch(
        /<span class="kpi-value">2 \/ 1<\/span><span class="kpi-sub">adhérents \/ articles/,
      );
    } finally {
      await ds.getRepository(UnknownMemberEntity).clear();
      await ds.getRepository(UnknownArticleEntity).clear();
      await ds.getRepository(SentOrderEntity).clear();
    }
  });

  it('escapes Urcoopa text (no HTML injection) and formats fr-FR', async () => {
    const { agent } = await signedInAgent(t.app);
    for (const path of ['/factureAdherentUrcoopa', '/factureAdherentUrcoopa/251004512']) {
      const res = await agent.get(path).set('Accept', 'text/html').expect(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const detail = await agent
      .get('/factureAdherentUrcoopa/251004512')
      .set('Accept', 'text/html')
      .expect(200);
    const text = detail.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('1 823,58 €'); // total HT
    expect(text).toContain('14/10/2025');
  });

  it('filters the member invoices', async () => {
    const { agent } = await signedInAgent(t.app);
    const validated = await agent
      .get('/factureAdherentUrcoopa?statut=validees')
      .set('Accept', 'text/html')
      .expect(200);
    expect(validated.text).toContain('251004600');
    expect(validated.text).not.toContain('>251004512<');
    const unknown = await agent
      .get('/factureAdherentUrcoopa?categorie=inconnu')
      .set('Accept', 'text/html')
      .expect(200);
    expect(unknown.text).toContain('>251004512<');
    expect(unknown.text).not.toContain('251004600');
    const search = await agent.get('/factureAdherentUrcoopa?q=VOLCAN').set('Accept', 'text/html').expect(200);
    expect(search.text).toContain('251004600');
    expect(search.text).not.toContain('>251004512<');
  });

  it('rejects a forged form (no or wrong CSRF token) with 403', async () => {
    const { agent, csrf } = await signedInAgent(t.app);
    await agent.post('/deconnexion').type('form').send({}).expect(403);
    await agent
      .post('/deconnexion')
      .type('form')
      .send({ _csrf: `${csrf.slice(0, -2)}xx` })
      .expect(403);
    // A token of another session is refused too.
    const other = await signedInAgent(t.app);
    await agent.post('/deconnexion').type('form').send({ _csrf: other.csrf }).expect(403);
    // Still signed in; the right token signs out.
    await agent.get('/').set('Accept', 'text/html').expect(200);
    await agent.post('/deconnexion').type('form').send({ _csrf: csrf }).expect(303);
    await agent.get('/').set('Accept', 'text/html').expect(302);
  });

  it('exempts API-key clients from CSRF', async () => {
    await t.http.post('/taches/nope/lancer').set('X-API-Key', TEST_API_KEY).expect(400);
  });

  it('sets an HttpOnly SameSite=Lax session cookie, and refuses a bad password', async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
    const cookies = ([] as string[]).concat(form.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('sic.session='))).toMatch(/httponly/i);
    expect(cookies.find((c) => c.startsWith('sic.session='))).toMatch(/samesite=lax/i);
    const bad = await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'compta', password: 'faux', _csrf: csrfOf(form.text) })
      .expect(401);
    expect(bad.text).toContain('Identifiant ou mot de passe incorrect');
  });

  it('locks a user name out after 5 failures, even with the right password', async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
    const csrf = csrfOf(form.text);
    for (let i = 0; i < 4; i++) {
      await agent
        .post('/connexion')
        .type('form')
        .send({ username: 'verrou', password: 'faux', _csrf: csrf })
        .expect(401);
    }
    const locked = await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'verrou', password: 'faux', _csrf: csrf })
      .expect(429);
    expect(locked.text).toContain('Trop de tentatives');
    // The real account on the same IP is not locked by failures on another username…
    await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'compta', password: STAFF_PASSWORD, _csrf: csrf })
      .expect(303);
  });

  it('locks the real account after 5 wrong passwords', async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion').set('Accept', 'text/html').expect(200);
    const csrf = csrfOf(form.text);
    for (let i = 0; i < 5; i++) {
      await agent
        .post('/connexion')
        .type('form')
        .send({ username: 'compta2', password: 'faux', _csrf: csrf });
    }
    await agent
      .post('/connexion')
      .type('form')
      .send({ username: 'compta2', password: 'faux', _csrf: csrf })
      .expect(429);
  });

  it('does not redirect to another site after sign-in', async () => {
    const agent = supertest.agent(t.app.getHttpServer());
    const form = await agent.get('/connexion?suite=//evil.example').set('Accept', 'text/html').expect(200);
    const res = await agent
      .post('/connexion')
      .type('form')
      .send({
        username: 'compta',
        password: STAFF_PASSWORD,
        suite: '//evil.example',
        _csrf: csrfOf(form.text),
      })
      .expect(303);
    expect(res.headers.location).toBe('/');
  });

  it('serves the stylesheet and the chart library locally without a session', async () => {
    await t.http.get('/static/css/app.css').expect(200);
    const chart = await t.http.get('/static/vendor/chartjs/chart.umd.min.js').expect(200);
    expect(chart.headers['content-type']).toMatch(/javascript/);
  });
});
