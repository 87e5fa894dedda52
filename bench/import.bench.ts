/**
 * Job 1 at scale: 2,000 invoices × 10 lines from the Urcoopa sandbox in one run, on MariaDB and on
 * SQLite (file, WAL); the rerun must create nothing. Prints time, peak memory, Odoo and SOAP calls,
 * and the write phase against a naive one-INSERT-per-line baseline measured in the same run.
 * Run: npm run bench (or npx vitest bench --run bench/import.bench.ts); needs MariaDB like the tests.
 * BENCH_INVOICES / BENCH_LINES change the size.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe, expect } from 'vitest';
import { JobRunner } from '../src/jobs/job-runner.service';
import { INVOICE_TABLE } from '../src/invoices/invoice-import.service';
import { InvoiceLineEntity } from '../src/invoices/entities/invoice-line.entity';
import { GroupedUpsert } from '../src/invoices/grouped-upsert';
import { invoiceRows } from '../src/invoices/urcoopa-rows';
import { parseInvoices } from '../src/urcoopa/urcoopa-payload';
import { toUrcoopaJson } from '../src/sandbox/urcoopa';
import {
  REFERENCE_DAY,
  startImportHarness,
  type Dialect,
  type ImportHarness,
} from '../test/integration/invoice-import.helpers';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 2000);
const LINES = Number(process.env.BENCH_LINES ?? 10);

/** Samples the RSS while `fn` runs; returns its duration and the peak RSS growth. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  try {
    const result = await fn();
    return {
      result,
      ms: performance.now() - start,
      peakRssMb: (Math.max(peak, process.memoryUsage().rss) - base) / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

async function emptyInvoices(h: ImportHarness): Promise<void> {
  await h.ds.query('DELETE FROM sic_urcoopa_facture');
}

async function benchDialect(dialect: Dialect): Promise<Record<string, string | number>> {
  const sqlitePath = join(tmpdir(), `bench-import-${process.pid}.sqlite`);
  const h = await startImportHarness({
    dialect,
    world: { invoices: INVOICES, linesPerInvoice: LINES, seed: 2025 },
    env: {
      URCOOPA_TIMEOUT_MS: '120000',
      ODOO_TIMEOUT_MS: '60000',
      ...(dialect === 'sqlite' ? { SQLITE_PATH: sqlitePath } : {}),
    },
  });
  try {
    const runner = h.app.app.get(JobRunner);
    const params = { nbJours: 30, dateReference: REFERENCE_DAY };
    h.odoo.calls.reset();
    h.urcoopa.calls.reset();
    const first = await measure(() => runner.run('factures', 'cli', params));
    const odooCalls = h.odoo.calls.entries.filter((e) => e.rpcMethod === 'execute_kw').length;
    const soapCalls = h.urcoopa.calls.count();
    expect(first.result.status).toBe('succeeded');
    const rerun = await measure(() => runner.run('factures', 'cli', params));
    expect(rerun.result.counts.created).toBe(0);

    // The write phase alone, then the naive baseline, on the same records and the same database.
    const { records } = parseInvoices(toUrcoopaJson({ Factures: h.world.invoices }));
    await emptyInvoices(h);
    const batched = await measure(() => new GroupedUpsert(h.ds, INVOICE_TABLE).write(records));
    await emptyInvoices(h);
    const repo = h.ds.getRepository(InvoiceLineEntity);
    const naive = await measure(async () => {
      for (const invoice of records)
        for (const row of invoiceRows(invoice, new Date())) await repo.insert(row);
    });
    const lines = records.reduce((n, r) => n + r.Detail.length, 0);
    return {
      dialect,
      invoices: records.length,
      lines,
      'run (s)': +(first.ms / 1000).toFixed(2),
      'run peak RSS +MB': +first.peakRssMb.toFixed(0),
      'rerun (s)': +(rerun.ms / 1000).toFixed(2),
      'rerun created': rerun.result.counts.created,
      'rerun unchanged': rerun.result.counts.unchanged,
      'Odoo calls': odooCalls,
      'SOAP calls': soapCalls,
      'write batched (s)': +(batched.ms / 1000).toFixed(2),
      'write naive (s)': +(naive.ms / 1000).toFixed(2),
      'naive / batched': +(naive.ms / batched.ms).toFixed(1),
    };
  } finally {
    await h.close();
    rmSync(sqlitePath, { force: true });
    rmSync(`${sqlitePath}-wal`, { force: true });
    rmSync(`${sqlitePath}-shm`, { force: true });
  }
}

describe(`job 1: ${INVOICES} invoices × ${LINES} lines in one run`, async () => {
  const results = [];
  for (const dialect of ['mariadb', 'sqlite'] as const) results.push(await benchDialect(dialect));
  console.table(results);
  const maxRss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  console.log(`process maxRSS ${maxRss} MB (whole bench process, sandboxes included)\n`);
  bench('figures printed above', () => undefined, { iterations: 1 });
});
