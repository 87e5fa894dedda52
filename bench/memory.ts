/**
 * Peak RSS of the service process running job 1 (`factures`) once over a window holding N invoices
 * × ~10 lines, as a new user would run it: MariaDB (a fresh database, real migrations), both
 * sandboxes in their own child process, the service alone in another (`node dist/cli.js factures`,
 * the build `npm run job` runs; BENCH_MEMORY_SOURCE=ts runs src/cli.ts through the swc hook
 * instead). The service reports its own getrusage maxRSS at exit (bench/max-rss.cjs).
 * BENCH_MEMORY_SIZES (1000,10000), BENCH_LINES (10), BENCH_MEMORY_RUNS (3), BENCH_MEMORY_DAYS (30:
 * the invoices are dated within that many days of the 30-day window) change the sizes;
 * BENCH_MEMORY_TRACE=<file.cjs> preloads a diagnostic script into the service (its stderr shown).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/database/data-source';
import { createTestDatabase } from '../test/helpers/mysql';
import { insertStores } from '../test/helpers/invoice-seed';
import { REFERENCE_DAY, URCOOPA_KEY } from '../test/integration/invoice-import.helpers';
import { printFigure, summary, type FigureRow } from './bench-kit';

const SIZES = (process.env.BENCH_MEMORY_SIZES ?? '1000,10000').split(',').map(Number);
const LINES = Number(process.env.BENCH_LINES ?? 10);
const RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 3);
/** Days the invoices are spread over (the window is always 30 days): fewer days, denser slices. */
const DAYS = Number(process.env.BENCH_MEMORY_DAYS ?? 30);
const FROM_SOURCE = process.env.BENCH_MEMORY_SOURCE === 'ts';
const ROOT = join(__dirname, '..');
const SWC = ['-r', './test/helpers/swc-register.cjs'];

interface Sandboxes {
  wsdlUrl: string;
  apiKey: string;
  odoo: { url: string; db: string; login: string; password: string };
  invoices: number;
  close(): Promise<void>;
}

/** Both sandboxes in one child process, serving a world of `invoices` invoices over 30 days. */
async function startSandboxes(invoices: number): Promise<Sandboxes> {
  const child = spawn(
    process.execPath,
    [...SWC, 'bench/memory-sandboxes.ts', String(invoices), String(LINES), String(DAYS)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({ input: child.stdout })) return [l];
      return [];
    })(),
    exited.then(() => []),
  ]);
  if (!line) throw new Error('the sandboxes did not start');
  return {
    ...(JSON.parse(line) as Omit<Sandboxes, 'close'>),
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

interface ServiceRun {
  maxRssMb: number;
  exitCode: number | null;
  status: string;
  created: number;
  seconds: number;
}

/** A fresh database with the migrations and the stores, then job 1 in its own process. */
async function runService(s: Sandboxes): Promise<ServiceRun> {
  const db = await createTestDatabase('bench_mem');
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  try {
    const ds = await openDatabase({ type: 'mysql', runMigrations: true, ...db.config });
    await insertStores(ds);
    await ds.destroy();
    const rssFile = join(dir, 'max-rss');
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      API_KEYS: 'bench-api-key-0123456789abcdef',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      DB_TYPE: 'mysql',
      MYSQL_HOST: db.config.host,
      MYSQL_PORT: String(db.config.port),
      MYSQL_USER: db.config.user,
      MYSQL_PASSWORD: db.config.password,
      MYSQL_DATABASE: db.config.database,
      MY_URCOOPA_URL: s.wsdlUrl,
      API_KEY_URCOOPA: URCOOPA_KEY,
      API_KEY_JOUR_FACTURES: '30',
      API_KEY_DATE_REFERENCE: REFERENCE_DAY,
      URCOOPA_TIMEOUT_MS: '120000',
      URL_ODOO: s.odoo.url,
      DB_ODOO: s.odoo.db,
      USERNAME_ODOO: s.odoo.login,
      PASSWORD_ODOO: s.odoo.password,
      ODOO_TIMEOUT_MS: '60000',
      BENCH_MAX_RSS_FILE: rssFile,
    };
    const cli = FROM_SOURCE ? [...SWC, 'src/cli.ts'] : ['dist/cli.js'];
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_MEMORY_TRACE ? ['-r', process.env.BENCH_MEMORY_TRACE] : []),
        '-r',
        './bench/max-rss.cjs',
        ...cli,
        'factures',
      ],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'ignore', process.env.BENCH_MEMORY_TRACE ? 'inherit' : 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const seconds = (performance.now() - started) / 1000;
    const [run] = await db.query<Array<{ status: string; created: number; errors: string | null }>>(
      "SELECT status, count_created AS created, error_summary AS errors FROM sync_job_run WHERE job = 'factures' ORDER BY id DESC LIMIT 1",
    );
    if (!run) throw new Error(`job 1 did not run (exit ${exitCode}): ${stderr}`);
    if (run.status !== 'succeeded') process.stderr.write(`${run.errors ?? ''}\n${stderr}\n`);
    return {
      maxRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024,
      exitCode,
      status: run.status,
      created: Number(run.created),
      seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

export async function memoryFigure(): Promise<void> {
  if (!FROM_SOURCE) {
    const build = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'nest build failed');
  }
  const load = loadavg()[0].toFixed(1);
  const peaks = new Map<number, number[]>();
  const rows: FigureRow[] = [];
  for (const size of SIZES) {
    const sandboxes = await startSandboxes(size);
    try {
      for (let i = 0; i < RUNS; i++) {
        const run = await runService(sandboxes);
        assert.equal(run.status, 'succeeded', `run ${i + 1} at ${size} invoices: ${run.status}`);
        assert.equal(run.created, sandboxes.invoices);
        peaks.set(size, [...(peaks.get(size) ?? []), run.maxRssMb]);
        rows.push({
          metric: `${size.toLocaleString('en')} invoices, run ${i + 1}: peak RSS (MB), ${run.seconds.toFixed(0)} s, ${run.status}, ${run.created} created`,
          ours: run.maxRssMb,
        });
      }
    } finally {
      await sandboxes.close();
    }
  }
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} MB`;
  const [small, large] = [SIZES[0], SIZES[SIZES.length - 1]];
  const growth = (peaks.get(large) ?? []).map((p, i) => p - (peaks.get(small)?.[i] ?? p));
  if (SIZES.length > 1)
    rows.push({
      metric: `growth ${large.toLocaleString('en')} − ${small.toLocaleString('en')} (MB, max of the runs)`,
      ours: Math.max(...growth),
    });
  printFigure(
    `Job 1 memory: peak RSS of the service process (${FROM_SOURCE ? 'src through swc' : 'dist/cli.js'}), invoices × ~${LINES} lines, MariaDB`,
    rows,
    [
      `Each run: a fresh database (migrations, the stores), then \`${FROM_SOURCE ? 'node -r swc-register src/cli.ts' : 'node dist/cli.js'} factures\` over a 30-day window holding every invoice (dated within ${DAYS} days); sandboxes in their own process. Load average at the start ${load}.`,
      'Target (issue 13): ≤ 300 MB at 10,000 invoices, and 10,000 within 50 MB of 1,000.',
    ],
  );
  summary.push(
    `memory: ${SIZES.map((s) => `${s.toLocaleString('en')} invoices ${range(peaks.get(s) ?? [])}`).join(', ')}` +
      (SIZES.length > 1 ? `; growth ≤ ${Math.max(...growth).toFixed(0)} MB` : ''),
  );
}
