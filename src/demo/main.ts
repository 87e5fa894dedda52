/**
 * `npm run demo`: the whole product on one machine with nothing but Node — both sandboxes (the
 * outside world), the app on an embedded SQLite file, the daily pipeline run once with its progress
 * printed here, then the staff pages served until Ctrl-C.
 */
import 'reflect-metadata';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { createApp } from '../bootstrap';
import { loadAppConfig } from '../config/app-config';
import { PIPELINE_ORDER } from '../config/job-definitions';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { JobRunEntity } from '../jobs/job-run.entity';
import { JobRunner } from '../jobs/job-runner.service';
import { SentOrderEntity } from '../orders/entities/sent-order.entity';
import { startOdooSandbox } from '../sandbox/odoo';
import { startUrcoopaSandbox } from '../sandbox/urcoopa';
import { sandboxAppEnv, sandboxDepots } from '../sandbox/app-env';
import { generateWorld } from '../sandbox/world/world';

const DB_PATH = process.env.DEMO_SQLITE_PATH ?? './data/demo.sqlite';
const PORT = Number(process.env.PORT ?? 9898);
const ONCE = process.argv.includes('--once');

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

async function main(): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_PATH}${suffix}`, { force: true });
  const world = generateWorld({
    invoices: 160,
    linesPerInvoice: 4,
    days: 30,
    purchaseOrders: 40,
    discrepancies: true,
  });
  const urcoopa = await startUrcoopaSandbox({ world });
  const odoo = await startOdooSandbox({ world });
  const password = randomBytes(6).toString('base64url');
  const apiKey = randomBytes(18).toString('base64url');
  const config = loadAppConfig({
    NODE_ENV: 'development',
    PORT: String(PORT),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DB_TYPE: 'sqlite',
    SQLITE_PATH: DB_PATH,
    API_KEYS: apiKey,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    STAFF_USERS: `demo:${bcrypt.hashSync(password, 10)}`,
    ...sandboxAppEnv(urcoopa, odoo),
    COEFFICIENT: '1.05',
  });
  const app = await createApp(config);
  await app.listen(PORT);

  // sic_depot is maintained by Sicalait's IT team; the demo fills it with the sandbox's stores.
  await app.get(DataSource).getRepository(DepotEntity).upsert(sandboxDepots(), ['code_urcoopa']);

  line(`Urcoopa sandbox: ${urcoopa.wsdlUrl}`);
  line(`Odoo sandbox:    ${odoo.url} (db ${odoo.db})`);
  line(
    `World: ${world.invoices.length} invoices, ${world.deliveries.length} deliveries, ${world.purchaseOrders.length} purchase orders`,
  );
  line();
  line('Daily pipeline:');
  const runs = app.get(DataSource).getRepository(JobRunEntity);
  const printed = new Set<number>();
  const watch = setInterval(() => {
    void runs.find({ where: { trigger: 'pipeline' }, order: { id: 'ASC' } }).then((rows) => {
      for (const run of rows) {
        if (run.status === 'running') {
          const total = run.progressTotal ? `/${run.progressTotal}` : '';
          process.stdout.write(`\r\x1b[2K  … ${run.job.padEnd(22)} ${run.progressDone}${total}        `);
        } else if (!printed.has(run.id)) {
          printed.add(run.id);
          process.stdout.write(
            `\r\x1b[2K  ${run.status === 'succeeded' ? '✓' : run.status === 'partial' ? '!' : '✗'} ${run.job.padEnd(22)} ${run.status.padEnd(9)} ` +
              `read ${run.countRead}, created ${run.countCreated}, updated ${run.countUpdated}, unchanged ${run.countUnchanged}, ` +
              `skipped ${run.countSkipped}, rejected ${run.countRejected} (${run.durationMs ?? 0} ms)\n`,
          );
          if (run.errorSummary) line(`      ${run.errorSummary.split('\n')[0].slice(0, 160)}`);
        }
      }
    });
  }, 300);
  const pipeline = await app.get(JobRunner).run('pipeline', 'cli');
  await new Promise((resolve) => setTimeout(resolve, 400));
  clearInterval(watch);
  line();
  line(`Pipeline ${pipeline.status} in ${pipeline.durationMs} ms (${PIPELINE_ORDER.length} jobs).`);
  await showReconciliation(app.get(DataSource), app.get(JobRunner));
  line(
    `Odoo sandbox: ${odoo.calls.count()} XML-RPC calls; moves: ${odoo.records('account.move').length}; Urcoopa orders received: ${urcoopa.orders.length}`,
  );
  line();
  line(`Pages:    http://localhost:${PORT}/   (sign in as demo / ${password})`);
  line(`API docs: http://localhost:${PORT}/docs   (X-API-Key: ${apiKey})`);
  if (ONCE) {
    await app.close();
    await Promise.all([urcoopa.close(), odoo.close()]);
    process.exit(pipeline.status === 'failed' ? 1 : 0);
  }
  line('Ctrl-C to stop.');
  const stop = async () => {
    await app.close();
    await Promise.all([urcoopa.close(), odoo.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * The orders job 7 just sent cannot be late yet: the first one is dated 10 days back (as if a week
 * had passed without a delivery) and the rapprochement runs again, so that every kind shows.
 */
async function showReconciliation(ds: DataSource, runner: JobRunner): Promise<void> {
  const [first] = (await ds.query(
    `SELECT Numero_Commande FROM sic_urcoopa_commande_odoo WHERE status = 'sent' AND Numero_Commande NOT IN
       (SELECT Numero_Commande FROM sic_urcoopa_livraison WHERE Numero_Commande IS NOT NULL)
     ORDER BY Numero_Commande LIMIT 1`,
  )) as Array<{ Numero_Commande: string }>;
  if (first) {
    await ds
      .getRepository(SentOrderEntity)
      .update(
        { Numero_Commande: first.Numero_Commande },
        { date_envoi_commande: new Date(Date.now() - 10 * 86_400_000) },
      );
    line(`Demo: order ${first.Numero_Commande} dated 10 days back (never delivered); rapprochement again.`);
  }
  const run = await runner.run('rapprochement', 'cli');
  const byKind = (run.result as { byKind?: Record<string, number> } | null)?.byKind ?? {};
  const shown = Object.entries(byKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  line(`Rapprochement ${run.status}: ${shown || 'no discrepancy'} → /rapprochement`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
