/**
 * Pages over 100,000 invoice lines (issue 13): BENCH_PAGE_INVOICES (10,000) invoices × 10 lines
 * written into a fresh MariaDB database, then each page requested by 20 concurrent clients
 * (keep-alive, signed in) for BENCH_PAGE_SECONDS (4 s) after a warm-up (every page served for a
 * second first, then 0.7 s of the page itself); p50 / p95 latency. The
 * clients run in a child process (bench/load-child.ts), as browsers would: they do not share the
 * service's event loop. The bound of a page: the very SQL statements that page sent (captured from
 * one request), run one after the other per request over the bare driver by the same 20 concurrent
 * clients of that child process. Also printed: the service's own CPU time per request.
 * BENCH_PAGE_PROFILE=dir writes a CPU profile of the service while the clients load it;
 * BENCH_PAGE_SQL=1 lists each page's statements with their own time; BENCH_PAGE_KEEP=1 keeps the
 * filled database (its name is printed) for a look at the plans.
 */
import mysql from 'mysql2/promise';
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Logger, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { markMonthsDirty, MonthFiguresService } from '../src/accounting/month-figures';
import { JOB_DEFINITIONS } from '../src/config/job-definitions';
import { InvoiceListQuery } from '../src/web/invoices/invoice-list.query';
import { mysqlEnv, startTestApp, TEST_API_KEY, testEnv, type TestApp } from '../test/helpers/app';
import { clientName, fillInvoiceLines } from '../test/helpers/invoice-fill';
import { STAFF_PASSWORD, STAFF_USERS } from '../test/integration/web-fixtures';
import { printFigure, summary, type FigureRow } from './bench-kit';
import type { LoadRequest, LoadResult } from './load-child';

const INVOICES = Number(process.env.BENCH_PAGE_INVOICES ?? 10_000);
const LINES = 10;
const CONCURRENCY = 20;
const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 4);

interface Captured {
  sql: string;
  params: unknown[];
}

/** Records the SQL the app sends while `on` (TypeORM calls logQuery for every statement). */
function captureLogger(ds: DataSource) {
  const seen: Captured[] = [];
  let on = false;
  const logger: Logger = {
    logQuery: (sql: string, params?: unknown[], _runner?: QueryRunner) => {
      if (on) seen.push({ sql, params: params ?? [] });
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.assign(ds, { logger });
  return {
    async during(fn: () => Promise<unknown>): Promise<Captured[]> {
      seen.length = 0;
      on = true;
      try {
        await fn();
      } finally {
        on = false;
      }
      return [...seen];
    },
  };
}

/** The load-generating child process: one request at a time, over IPC. */
function loadChild() {
  const child: ChildProcess = fork(join(__dirname, 'load-child.ts'), [], {
    execArgv: ['-r', join(__dirname, '..', 'test', 'helpers', 'swc-register.cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Structured clone: the captured SQL parameters keep their Date values.
    serialization: 'advanced',
  });
  return {
    run(request: LoadRequest): Promise<LoadResult> {
      return new Promise((resolve, reject) => {
        child.once('message', (m: { result?: LoadResult; error?: string }) =>
          m.result ? resolve(m.result) : reject(new Error(m.error)),
        );
        child.send(request);
      });
    },
    close: () => child.kill(),
  };
}

/** A CPU profile of this process (the service) while `fn` runs, when BENCH_PAGE_PROFILE names a folder. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PAGE_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Signs in as the test staff user with plain HTTP: the session cookie header. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair.split('=');
      jar.set(name, rest.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/connexion`, { headers: { accept: 'text/html' } });
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signed = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ username: 'compta', password: STAFF_PASSWORD, suite: '/', _csrf: csrf }),
  });
  keep(signed);
  if (signed.status !== 303) throw new Error(`sign-in failed: ${signed.status}`);
  return cookie();
}

const SERVER = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
  user: process.env.TEST_MYSQL_USER ?? 'root',
  password: process.env.TEST_MYSQL_PASSWORD ?? '',
};

/** A fresh MariaDB database for the bench (test/helpers/mysql.ts needs vitest). */
async function benchDatabase() {
  const database = `bench_pages_${process.pid}`;
  const admin = await mysql.createConnection(SERVER);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    config: { ...SERVER, database },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    },
  };
}

/** Years of job history: `n` finished runs spread over the jobs, one every few minutes. */
async function fillJobRuns(ds: DataSource, n: number): Promise<void> {
  const jobs = JOB_DEFINITIONS.map((d) => d.name);
  const start = Date.now() - n * 5 * 60_000;
  for (let i = 0; i < n; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const at = new Date(start + (i + k) * 5 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
      return [jobs[(i + k) % jobs.length], 'cron', (i + k) % 37 === 0 ? 'failed' : 'success', at, at, 1200];
    });
    await ds.query(
      `INSERT INTO sync_job_run (job, trigger_source, status, started_at, ended_at, duration_ms) VALUES ${rows
        .map(() => '(?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      rows.flat(),
    );
  }
}

export async function pagesFigure(): Promise<void> {
  const db = await benchDatabase();
  let t: TestApp | undefined;
  const clients = loadChild();
  try {
    t = await startTestApp(testEnv({ ...mysqlEnv(db.config), STAFF_USERS }));
    const ds = t.app.get(DataSource);
    const fillStart = performance.now();
    const today = new Date();
    await fillInvoiceLines(
      ds,
      INVOICES,
      LINES,
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)),
    );
    const months = await ds.query<Array<{ m: string }>>(
      "SELECT DISTINCT DATE_FORMAT(Date_Facture, '%Y-%m') AS m FROM sic_urcoopa_facture",
    );
    await markMonthsDirty(
      ds.manager,
      months.map((r) => r.m),
    );
    await t.app.get(MonthFiguresService).refresh();
    await fillJobRuns(ds, 20_000);
    await ds.query('ANALYZE TABLE sic_urcoopa_facture, sync_month_figures, sync_job_run');
    const [{ n: lineCount }] = await ds.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM sic_urcoopa_facture',
    );
    const fillSeconds = (performance.now() - fillStart) / 1000;

    const address = t.app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const cookie = await signIn(base);
    const list = t.app.get(InvoiceListQuery);
    let page49 = await list.list({ page: 1 });
    for (let page = 2; page <= 49; page += 1) page49 = await list.list({ page, apres: page49.nextCursor! });
    const word = clientName(21).split(' ')[2];
    const pages: Array<[string, string]> = [
      ['/factureAdherentUrcoopa (first page)', '/factureAdherentUrcoopa'],
      ['/factureAdherentUrcoopa (page 50)', `/factureAdherentUrcoopa?page=50&apres=${page49.nextCursor}`],
      [`/factureAdherentUrcoopa?q=${word}`, `/factureAdherentUrcoopa?q=${word}`],
      ['/comptabilite', '/comptabilite'],
      ['/ (dashboard)', '/'],
      ['/taches', '/taches'],
      ['/api/jobs/runs', '/api/jobs/runs'],
    ];
    const capture = captureLogger(ds);
    const rows: FigureRow[] = [];
    const notes: string[] = [];
    const headersOf = (path: string): Record<string, string> =>
      path.startsWith('/api/')
        ? { 'x-api-key': TEST_API_KEY, accept: 'application/json' }
        : { cookie, accept: 'text/html' };
    // A service that has been up a while: every page served once under load before any is measured
    // (the JIT has compiled the code paths, the fill's garbage is collected, MariaDB's pages are read).
    for (const [, path] of pages)
      await clients.run({
        kind: 'http',
        url: `${base}${path}`,
        headers: headersOf(path),
        concurrency: CONCURRENCY,
        seconds: 1,
      });
    for (const [label, path] of pages) {
      const headers = headersOf(path);
      let bytes = 0;
      const statements = await capture.during(async () => {
        const res = await fetch(`${base}${path}`, { headers });
        bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      });
      const run = { concurrency: CONCURRENCY, seconds: SECONDS };
      const cpuBefore = process.cpuUsage();
      const ours = await profiled(label, () =>
        clients.run({ kind: 'http', url: `${base}${path}`, headers, ...run }),
      );
      const cpu = process.cpuUsage(cpuBefore);
      // The service's own CPU time per request (user + system): what its one event loop can serve.
      const cpuMs = (cpu.user + cpu.system) / 1000 / ours.total;
      const bound = await clients.run({ kind: 'sql', statements, db: db.config, ...run });
      rows.push(
        { metric: `${label} p50 ms`, ours: ours.p50, bound: bound.p50, digits: 1 },
        { metric: `${label} p95 ms`, ours: ours.p95, bound: bound.p95, digits: 1 },
        { metric: `${label} service CPU ms / request`, ours: cpuMs, digits: 2 },
      );
      notes.push(
        `${label}: ${statements.length} SQL statements and ${(bytes / 1024).toFixed(0)} kB per response, ${ours.n} requests measured`,
      );
      if (process.env.BENCH_PAGE_SQL)
        for (const st of statements) {
          // Alone, one after the other: the statement's own cost, mean of 20.
          const started = performance.now();
          for (let i = 0; i < 20; i += 1) await ds.query(st.sql, st.params);
          const ms = (performance.now() - started) / 20;
          notes.push(`    ${ms.toFixed(2)} ms  ${st.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
        }
      summary.push(
        `pages: ${label} p95 ${ours.p95.toFixed(0)} ms at ${CONCURRENCY} concurrent (bare SQL ${bound.p95.toFixed(0)} ms, ×${(ours.p95 / bound.p95).toFixed(2)})`,
      );
    }
    printFigure(
      `Pages over ${Number(lineCount).toLocaleString('en')} invoice lines (MariaDB), ${CONCURRENCY} concurrent clients, ${SECONDS} s each (bound: the page's own SQL over the bare driver)`,
      rows,
      [
        ...notes,
        `fill ${fillSeconds.toFixed(0)} s; ${cpus().length} cores, load average at the end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      ],
    );
  } finally {
    clients.close();
    await t?.close();
    if (process.env.BENCH_PAGE_KEEP) console.log(`kept database ${db.config.database}`);
    else await db.drop();
  }
}
