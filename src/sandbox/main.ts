/**
 * `npm run sandbox`: both stand-ins on fixed ports, serving one generated world, until Ctrl-C.
 * Ports: --urcoopa-port / --odoo-port, else SANDBOX_URCOOPA_PORT / SANDBOX_ODOO_PORT, else 8081 / 8069.
 */
import { startOdooSandbox } from './odoo';
import { startUrcoopaSandbox } from './urcoopa';
import { generateWorld } from './world/world';

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
}

function port(flagName: string, envName: string, fallback: number): number {
  const raw = flag(flagName) ?? process.env[envName];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`invalid port for --${flagName}: ${raw}`);
  return value;
}

async function main(): Promise<void> {
  const host = flag('host') ?? process.env.SANDBOX_HOST ?? '127.0.0.1';
  const world = generateWorld();
  const urcoopa = await startUrcoopaSandbox({
    port: port('urcoopa-port', 'SANDBOX_URCOOPA_PORT', 8081),
    host,
    world,
  });
  const odoo = await startOdooSandbox({ port: port('odoo-port', 'SANDBOX_ODOO_PORT', 8069), host, world });
  console.log(`Urcoopa SOAP sandbox: ${urcoopa.url}`);
  console.log(`  WSDL:     ${urcoopa.wsdlUrl}`);
  console.log(`  xCleAPI:  ${urcoopa.apiKey}`);
  console.log(`Odoo 17 XML-RPC sandbox: ${odoo.url} (/xmlrpc/2/common, /xmlrpc/2/object)`);
  console.log(`  db:       ${odoo.db}`);
  console.log(`  login:    ${odoo.login}`);
  console.log(`  password: ${odoo.password}`);
  console.log(`  uid:      ${odoo.uid}`);
  console.log(
    `World: ${world.invoices.length} invoices, ${world.deliveries.length} deliveries, ` +
      `${world.purchaseOrders.length} purchase orders (${world.options.days} days up to ${world.options.referenceDate}).`,
  );
  console.log('Ctrl-C to stop.');
  const stop = async () => {
    await Promise.all([urcoopa.close(), odoo.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
