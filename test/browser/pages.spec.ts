import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DepotEntity } from '../../src/invoices/entities/depot.entity';
import { JobRunner } from '../../src/jobs/job-runner.service';
import { startOdooSandbox } from '../../src/sandbox/odoo';
import { startUrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { sandboxAppEnv, sandboxDepots } from '../../src/sandbox/app-env';
import { generateWorld } from '../../src/sandbox/world/world';
import { startTestApp, testEnv, TestApp } from '../helpers/app';
import { launchBrowser } from '../helpers/browser';
import { seedLines, STAFF_PASSWORD, STAFF_USERS } from '../integration/web-fixtures';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

type Sandbox = { close(): Promise<void> };

describe('staff pages in Chromium', () => {
  let t: TestApp;
  let sandboxes: Sandbox[] = [];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let currentMonth: string;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    // First, so that without a browser (outside CI) nothing else is started.
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
    const world = generateWorld({ invoices: 40, linesPerInvoice: 3, days: 20, purchaseOrders: 12 });
    const urcoopa = await startUrcoopaSandbox({ world });
    const odoo = await startOdooSandbox({ world });
    sandboxes = [urcoopa, odoo];
    t = await startTestApp(
      testEnv({
        STAFF_USERS,
        ...sandboxAppEnv(urcoopa, odoo),
        // Members' invoices go to Odoo only once validated: the page's buttons do it.
        INJECT_ONLY_VALIDATED: 'true',
      }),
    );
    await t.app.get(DataSource).getRepository(DepotEntity).upsert(sandboxDepots(), ['code_urcoopa']);
    // The real daily pipeline fills the tables from the sandboxes.
    await t.app.get(JobRunner).run('pipeline', 'cli');
    // And one invoice whose member name is an HTML injection attempt.
    await seedLines(t.app, [
      {
        numero: '259999001',
        date: world.invoices[0]?.Date_Facture ?? '2025-10-14',
        codeClient: '1999',
        nomClient: '<img src=x onerror=alert(1)>EARL TEST',
        ht: '42.00',
        clientOdoo: 'INCONNU !',
      },
    ]);
    currentMonth = (world.invoices[0]?.Date_Facture ?? '2025-10-14').slice(0, 7);
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'fr-FR',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      // Confirmations are accepted; any other dialog (an alert) would be an injection.
      expect(dialog.type()).toBe('confirm');
      void dialog.accept();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('has no access without a session: pages lead to the sign-in form', async () => {
    await page.goto(`${base}/taches`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await shot('01-connexion');
  });

  it('signs in and shows the dashboard with its charts', async () => {
    await page.fill('input[name=username]', 'compta');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/taches`);
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toMatch('Tableau de bord');
    await page.waitForFunction(() => (globalThis as { Chart?: unknown }).Chart !== undefined);
    await shot('02-tableau-de-bord');
  });

  it('runs a job and follows its progress to the end', async () => {
    const row = page.locator('tr[data-job="livraisons"]');
    await row.locator('button', { hasText: 'Lancer' }).click();
    await expect
      .poll(() => row.locator('.progress-text').textContent(), { timeout: 30_000 })
      .toMatch(/Réussie|Partielle|Échec/);
    await expect
      .poll(() => row.locator('.job-status .badge').textContent(), { timeout: 10_000 })
      .toMatch(/Réussie|Partielle|Échec/);
    await shot('03-tableau-de-bord-tache-lancee');
  });

  it('filters the member invoices, escapes Urcoopa text', async () => {
    await page.goto(`${base}/factureAdherentUrcoopa`);
    await shot('04-factures');
    await page.click('a.tab:has-text("À traiter")');
    await expect
      .poll(() => page.locator('a.tab.active').first().textContent(), { timeout: 10_000 })
      .toMatch('À traiter');
    await page.fill('input[name=q]', 'EARL TEST');
    await page.click('button:has-text("Filtrer")');
    await expect.poll(() => page.locator('table.invoices tbody tr').count()).toBe(1);
    await expect
      .poll(() => page.locator('.client-name').first().textContent(), { timeout: 10_000 })
      .toMatch('<img src=x onerror=alert(1)>EARL TEST');
    await shot('05-factures-filtrees');
  });

  it('opens an invoice, validates it, sends it to Odoo, prints it', async () => {
    await page.goto(`${base}/factureAdherentUrcoopa?statut=a_traiter&categorie=adherent`);
    const first = page.locator('table.invoices tbody tr a').first();
    const numero = (await first.textContent())!.trim();
    await first.click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toMatch(numero);
    await shot('06-facture');
    await page.click('button:has-text("Valider")');
    await expect
      .poll(() => page.locator('.flash').textContent(), { timeout: 10_000 })
      .toMatch(`La facture ${numero} est validée`);
    await expect
      .poll(() => page.locator('h1 .badge').first().textContent(), { timeout: 10_000 })
      .toMatch('Validée');
    await page.click('button:has-text("Envoyer vers Odoo")');
    await expect
      .poll(() => page.locator('.flash').textContent(), { timeout: 10_000 })
      .toMatch(`Facture ${numero} envoyée vers Odoo`);
    expect(await page.locator('a:has-text("Ouvrir dans Odoo")').count()).toBe(1);
    await shot('07-facture-envoyee');
    const print = await context.newPage();
    await print.goto(`${base}/factureAdherentUrcoopa/${numero}/impression`);
    await expect.poll(() => print.locator('h1').textContent(), { timeout: 10_000 }).toMatch(numero);
    await print.screenshot({ path: join(ARTIFACTS, '08-facture-impression.png'), fullPage: true });
    await print.close();
  });

  it('validates a selection', async () => {
    await page.goto(`${base}/factureAdherentUrcoopa?statut=a_traiter`);
    const boxes = page.locator('table.invoices tbody input[type=checkbox]');
    const count = Math.min(2, await boxes.count());
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    await page.click('#validate-selection');
    await expect.poll(() => page.locator('.flash').textContent(), { timeout: 10_000 }).toMatch('validée');
  });

  it('shows the unknowns and runs the correspondence check with progress', async () => {
    await page.goto(`${base}/inconnus`);
    await page.click('button:has-text("Vérifier les correspondances")');
    await expect
      .poll(() => page.locator('.kpi-actions .progress-text').textContent(), { timeout: 30_000 })
      .toMatch(/Réussie|Partielle|Échec/);
    await page.goto(`${base}/inconnus`);
    await shot('09-inconnus');
  });

  it('resolves an unknown member by searching the Odoo partner from the page', async () => {
    const form = page.locator('form.js-resolve[data-kind="adherent"]').first();
    expect(await form.count(), 'the world has an unknown member').toBe(1);
    const name = await form.locator('input[name=cle]').inputValue();
    await form.locator('.js-odoo-search').fill('EARL');
    await expect
      .poll(() => form.locator('.js-odoo-results option').count(), { timeout: 10_000 })
      .toBeGreaterThan(1);
    const value = await form.locator('.js-odoo-results option').nth(1).getAttribute('value');
    await form.locator('.js-odoo-results').selectOption(value!);
    await shot('09b-inconnus-recherche');
    await form.locator('button:has-text("Associer")').click();
    await expect.poll(() => page.locator('.flash').textContent(), { timeout: 10_000 }).toMatch('est associé');
    expect(await page.locator(`form.js-resolve input[name=cle][value="${name}"]`).count()).toBe(0);
  });

  it('exports the unknowns as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href="/inconnus/export/all"]'),
    ]);
    expect(download.suggestedFilename()).toBe('inconnus_all.csv');
  });

  it('shows the accounting figures and exports them as CSV', async () => {
    await page.goto(`${base}/comptabilite?mois=${currentMonth}`);
    await expect.poll(() => page.locator('table.journal tbody tr').count()).toBe(6);
    await shot('10-comptabilite');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:has-text("Exporter en CSV")'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^comptabilite-urcoopa-\d{4}-\d{2}\.csv$/);
  });

  it('lists the job runs and shows one run', async () => {
    await page.goto(`${base}/taches`);
    await shot('11-taches');
    await page.locator('table tbody tr a').first().click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toMatch(/./);
    await shot('12-tache');
  });

  it('rejects a forged form (no CSRF token) with 403', async () => {
    await page.goto(`${base}/factureAdherentUrcoopa`);
    const status = await page.evaluate(async () => {
      const res = await fetch('/factureAdherentUrcoopa/valider-selection', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'numeros=259999001',
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  it('signs out', async () => {
    await page.goto(`${base}/`);
    await page.click('button:has-text("Déconnexion")');
    await page.waitForURL(`${base}/connexion`);
    await page.goto(`${base}/comptabilite`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
  });
});
