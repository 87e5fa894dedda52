import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
// A MariaDB-only file, a browser file and a file of both dialects; small, and quick without them.
const FILES = [
  'test/integration/jobs-mysql.spec.ts',
  'test/browser/pages.spec.ts',
  'src/config/app-config.spec.ts',
];

/** A local port nobody listens on (just freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `vitest run FILES` as a fresh shell would run it: no CI unless told, MariaDB on `port`, no browser. */
async function runSuite(
  port: number,
  extra: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'CI' && key !== 'NODE_ENV' && key !== 'TEST') env[key] = value;
  }
  Object.assign(env, {
    TEST_MYSQL_HOST: '127.0.0.1',
    TEST_MYSQL_PORT: String(port),
    CHROME_PATH: join(ROOT, 'no-such-browser'),
    NO_COLOR: '1',
    ...extra,
  });
  const child = spawn(process.execPath, [VITEST, 'run', ...args, ...FILES], { cwd: ROOT, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out };
}

describe('the test setup without MariaDB nor a browser', () => {
  it('outside CI: passes, and says what it did not run and why', { timeout: 240_000 }, async () => {
    const port = await closedPort();
    const { code, out } = await runSuite(port, {});
    expect(out).toContain(`MariaDB not reachable at 127.0.0.1:${port}: 1 file not run; CI runs them`);
    expect(out).toMatch(/CHROME_PATH=.*no-such-browser is not an executable: 1 file not run; CI runs them/);
    expect(out).toMatch(/\n[1-9]\d* passed, 0 failed\n/);
    expect(code, out).toBe(0);
  });

  it('in CI (CI=true): fails', { timeout: 240_000 }, async () => {
    const port = await closedPort();
    const { code, out } = await runSuite(port, { CI: 'true' });
    expect(out).not.toContain('not run;');
    expect(out).toMatch(/\n\d+ passed, [1-9]\d* failed/);
    expect(code, out).not.toBe(0);
  });

  it('with npm run test:all (vitest run --mode all): fails too', { timeout: 240_000 }, async () => {
    const port = await closedPort();
    const { code, out } = await runSuite(port, {}, ['--mode', 'all']);
    expect(out).not.toContain('not run;');
    expect(code, out).not.toBe(0);
  });
});
