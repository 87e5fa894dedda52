import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooIntentEntity } from '../../src/odoo-sync/entities/odoo-intent.entity';
import { startTestApp, testEnv, type TestApp } from '../helpers/app';
import { seedLines, STAFF_USERS } from './web-fixtures';
import { signedInAgent } from './web-session';

/** A move cancelled in Odoo shows on the invoice page; staff create it again (recorded) or leave it. */
describe('invoice page: moves cancelled in Odoo', () => {
  let t: TestApp;
  const intent = () =>
    t.app.get(DataSource).getRepository(OdooIntentEntity).findOneByOrFail({
      kind: 'facture-adherent-vente',
      businessKey: '251004700',
    });

  beforeAll(async () => {
    t = await startTestApp(testEnv({ STAFF_USERS }));
    await seedLines(t.app, [
      {
        numero: '251004700',
        date: '2025-10-14',
        codeClient: '1900',
        nomClient: 'GAEC DU VOLCAN',
        ht: '100.00',
      },
    ]);
    const now = new Date();
    await t.app.get(DataSource).getRepository(OdooIntentEntity).save({
      kind: 'facture-adherent-vente',
      businessKey: '251004700',
      companyId: 1,
      odooModel: 'account.move',
      odooId: 812,
      marker: null,
      status: 'conflict',
      odooState: 'cancel',
      attempts: 1,
      lastError: "account.move 812 (réf. 251004700) est annulé dans Odoo : rien n'a été recréé.",
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the conflict with a "Créer à nouveau dans Odoo" form', async () => {
    const { agent } = await signedInAgent(t.app);
    const page = await agent.get('/factureAdherentUrcoopa/251004700').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Facture client de l&#x27;adhérent');
    expect(page.text).toContain('annulée dans Odoo');
    expect(page.text).toContain('account.move 812');
    expect(page.text).toContain('action="/factureAdherentUrcoopa/251004700/recreer-odoo"');
  });

  it('refuses the action without CSRF, signed out, or with an unknown kind', async () => {
    const { agent, csrf } = await signedInAgent(t.app);
    await agent
      .post('/factureAdherentUrcoopa/251004700/recreer-odoo')
      .type('form')
      .send({ kind: 'facture-adherent-vente' })
      .expect(403);
    const anonymous = await supertest(t.app.getHttpServer())
      .post('/factureAdherentUrcoopa/251004700/recreer-odoo')
      .type('form')
      .send({ kind: 'facture-adherent-vente', _csrf: csrf });
    expect([302, 303, 401, 403]).toContain(anonymous.status);
    await agent
      .post('/factureAdherentUrcoopa/251004700/recreer-odoo')
      .type('form')
      .send({ kind: 'autre', _csrf: csrf })
      .expect(400);
    expect((await intent()).status).toBe('conflict');
  });

  it('creates it again on request: the intent is pending, the action recorded, the page clear', async () => {
    const { agent, csrf } = await signedInAgent(t.app);
    await agent
      .post('/factureAdherentUrcoopa/251004700/recreer-odoo')
      .type('form')
      .send({ kind: 'facture-adherent-vente', _csrf: csrf })
      .expect(303);
    const row = await intent();
    expect(row).toMatchObject({ status: 'pending', attempts: 0, odooState: 'cancel', odooId: 812 });
    expect(row.lastError).toMatch(/^Recréation demandée par compta le /);
    const page = await agent.get('/factureAdherentUrcoopa/251004700').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('sera créée à nouveau dans Odoo');
    expect(page.text).not.toContain('recreer-odoo');
  });
});
