/**
 * `npm run contract:sandbox`: the pre-flight check (npm run contract) against both sandboxes, on a
 * throw-away SQLite file whose sic_depot holds the sandbox's stores. The sandbox Odoo is started
 * with every company's purchase journal (the default world leaves SAINT-BENOIT without one for
 * the store-bills tests): this run shows what a ready Odoo answers, every point ✓.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runContract } from '../contract/contract-cli';
import { DepotEntity } from '../invoices/entities/depot.entity';
import { sandboxAppEnv, sandboxDepots } from './app-env';
import { startOdooSandbox } from './odoo';
import { startUrcoopaSandbox } from './urcoopa';

export async function runContractOnSandboxes(
  io?: Parameters<typeof runContract>[1],
  options: { withoutPurchaseJournal?: number[] } = {},
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  const urcoopa = await startUrcoopaSandbox();
  const odoo = await startOdooSandbox({ withoutPurchaseJournal: options.withoutPurchaseJournal ?? [] });
  try {
    return await runContract(
      {
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DB_TYPE: 'sqlite',
        SQLITE_PATH: join(dir, 'contract.sqlite'),
        ...sandboxAppEnv(urcoopa, odoo),
      },
      io,
      async (app) => {
        await app.get(DataSource).getRepository(DepotEntity).upsert(sandboxDepots(), ['code_urcoopa']);
      },
    );
  } finally {
    await Promise.all([urcoopa.close(), odoo.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  runContractOnSandboxes().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
