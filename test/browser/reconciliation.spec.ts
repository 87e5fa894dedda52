import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
import { STAFF_PASSWORD, STAFF_USERS } from '../integration/web-fixtures';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('rapprochement page in Chromium', () => {
  let t: TestApp;
  let sandboxes: Array<{ close(): Promise<void> }> = [];
  let browser: Browser;
  let page: Page;
  let base: string;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
    const world = generateWorld({ invoices: 40, days: 30, purchaseOrders: 12, discrepancies: true });
    const urcoopa = await startUrcoopaSandbox({ world });
    const odoo = await startOdooSandbox({ world });
    sandboxes = [urcoopa, odoo];
    t = await startTestApp(testEnv({ STAFF_USERS, ...sandboxAppEnv(urcoopa, odoo) }));
    await t.app.get(DataSource).getRepository(DepotEntity).upsert(sandboxDepots(), ['code_urcoopa']);
    await t.app.get(JobRunner).run('pipeline', 'cli');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.dismiss());
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await Promise.all(sandboxes.map((s) => s.close()));
  });

  it('lists the orders with their chips, filters a status, opens an order and accepts a discrepancy', async () => {
    await page.goto(`${base}/connexion`);
    await page.fill('input[name=username]', 'compta');
    await page.fill('input[name=password]', STAFF_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname !== '/connexion');

    await page.goto(`${base}/rapprochement`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch('Rapprochement');
    expect(await page.locator('table.reconciliation tbody tr').count()).toBeGreaterThan(1);
    await shot('20-rapprochement');

    await page.click('a.tab:has-text("Écart quantité")');
    await expect
      .poll(() => page.locator('a.tab.active').textContent(), { timeout: 10_000 })
      .toMatch('Écart quantité');
    const chips = page.locator('table.reconciliation tbody tr td.chips');
    const rows = await chips.count();
    expect(rows).toBeGreaterThan(0);
    for (let i = 0; i < rows; i++) expect(await chips.nth(i).textContent()).toContain('Écart quantité');

    await page.locator('table.reconciliation tbody tr a').first().click();
    await expect.poll(() => page.locator('h2').first().textContent()).toMatch('La chaîne, ligne par ligne');
    expect(await page.locator('table.chain tbody tr').count()).toBeGreaterThan(0);
    await shot('21-rapprochement-commande');

    const form = page.locator('form.accept-form').first();
    await form.locator('input[name=commentaire]').fill('Écart confirmé avec Urcoopa');
    await form.locator('button').click();
    await expect
      .poll(() => page.locator('.flash').textContent(), { timeout: 10_000 })
      .toMatch('Écart accepté');
    await expect
      .poll(() => page.locator('table.discrepancies').textContent())
      .toMatch('Écart confirmé avec Urcoopa');
    await shot('22-rapprochement-accepte');
  });
});
