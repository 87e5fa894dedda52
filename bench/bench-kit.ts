import type { OdooCallEntry } from '../src/sandbox/odoo/call-log';

/** Odoo records per `create` call (DEFAULT_BATCH of src/odoo-sync/odoo-intent.service.ts). */
export const ODOO_CREATE_BATCH = 50;

/** Samples the RSS while `fn` runs; returns its duration and the peak RSS growth. */
export async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; ms: number; peakRssMb: number }> {
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

export interface OdooBound {
  calls: number;
  /** What the minimum counts, e.g. "20 create (1,000 moves / 50) + 9 reads (…)". */
  counts: string;
}

/**
 * The fewest XML-RPC calls that do the same work as `ours`: one call per distinct model.method the
 * run needed (several domains on one model could be OR-ed into one search_read, a read takes any
 * number of ids), except `create`, which needs one call per ODOO_CREATE_BATCH records.
 */
export function odooBound(ours: OdooCallEntry[], created: Record<string, number> = {}): OdooBound {
  const reads = [
    ...new Set(
      ours
        .filter((e) => e.rpcMethod === 'execute_kw' && e.method !== 'create')
        .map((e) => `${e.model}.${e.method}`),
    ),
  ];
  const creates = Object.entries(created).map(([model, n]) => ({
    model,
    n,
    calls: Math.ceil(n / ODOO_CREATE_BATCH),
  }));
  const createCalls = creates.reduce((s, c) => s + c.calls, 0);
  const parts = creates.map(
    (c) => `${c.calls} ${c.model}.create (${c.n.toLocaleString('en')} / ${ODOO_CREATE_BATCH})`,
  );
  parts.push(`${reads.length} × one call per model.method [${reads.join(', ')}]`);
  return { calls: createCalls + reads.length, counts: parts.join(' + ') };
}

/** execute_kw calls only (the login is once per process, not per run). */
export const executeKw = (entries: OdooCallEntry[]) => entries.filter((e) => e.rpcMethod === 'execute_kw');

export interface FigureRow {
  metric: string;
  ours: number;
  bound?: number;
  naive?: number;
  /** Decimals of the three values (default 0). */
  digits?: number;
}

const fmt = (v: number | undefined, digits: number) =>
  v === undefined
    ? '–'
    : v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '–' : `×${(a / b).toFixed(2)}`;

/** One figure: a plain-text table (ours, bound, naive, ours / bound, naive / ours) and its notes. */
export function printFigure(title: string, rows: FigureRow[], notes: string[] = []): void {
  const header = ['', 'ours', 'bound', 'naive', 'ours / bound', 'naive / ours'];
  const cells = rows.map((r) => [
    r.metric,
    fmt(r.ours, r.digits ?? 0),
    fmt(r.bound, r.digits ?? 0),
    fmt(r.naive, r.digits ?? 0),
    ratio(r.ours, r.bound),
    ratio(r.naive, r.ours),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const out = [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  out.push(...cells.map(line), ...notes.flatMap((n) => wrap(`  ${n}`)));
  console.log(out.join('\n'));
}

/** Splits a long note at spaces, continuation lines indented under it. */
function wrap(text: string, width = 110): string[] {
  const indent = ' '.repeat(text.length - text.trimStart().length + 2);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/(?<=\S) /)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent + word.trimStart();
    } else current = current ? `${current} ${word}` : word;
  }
  return [...lines, current];
}

/** One line per figure for the closing summary block. */
export const summary: string[] = [];
