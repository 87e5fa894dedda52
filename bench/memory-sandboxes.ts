/**
 * The memory figure's sandboxes, in their own process: both stand-ins serving one generated world.
 * The world's invoices are dated within the <days> days up to REFERENCE_DAY.
 * Prints one JSON line with their addresses, then serves until stdin closes or SIGTERM.
 * Usage: node -r ./test/helpers/swc-register.cjs bench/memory-sandboxes.ts <invoices> <lines per invoice> <days>
 */
import { startOdooSandbox } from '../src/sandbox/odoo';
import { startUrcoopaSandbox } from '../src/sandbox/urcoopa';
import { generateWorld } from '../src/sandbox/world/world';
import { NOW, REFERENCE_DAY, URCOOPA_KEY } from '../test/integration/invoice-import.helpers';

async function main(): Promise<void> {
  const [invoices, lines, days] = process.argv.slice(2).map(Number);
  const world = generateWorld({
    referenceDate: REFERENCE_DAY,
    days,
    invoices,
    linesPerInvoice: lines,
    seed: 2025,
  });
  const odoo = await startOdooSandbox({ world, now: () => NOW });
  const urcoopa = await startUrcoopaSandbox({ world, apiKey: URCOOPA_KEY });
  const stop = () => void Promise.all([urcoopa.close(), odoo.close()]).then(() => process.exit(0));
  process.stdin.on('end', stop).resume();
  process.once('SIGTERM', stop);
  process.stdout.write(
    `${JSON.stringify({
      wsdlUrl: urcoopa.wsdlUrl,
      apiKey: urcoopa.apiKey,
      odoo: { url: odoo.url, db: odoo.db, login: odoo.login, password: odoo.password },
      invoices: world.invoices.length,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
