/**
 * The load generator of the pages figure, in its own process so that it does not share the
 * service's event loop (as a browser would not): `CONCURRENCY` loops for `seconds` after a warm-up,
 * either GETting a URL (keep-alive) or running a page's SQL statements over the bare driver.
 * Driven by the parent over IPC: one message in, one { p50, p95, n } out.
 */
import mysql from 'mysql2/promise';

export type LoadRequest =
  | { kind: 'http'; url: string; headers: Record<string, string>; concurrency: number; seconds: number }
  | {
      kind: 'sql';
      statements: Array<{ sql: string; params: unknown[] }>;
      db: mysql.PoolOptions;
      concurrency: number;
      seconds: number;
    };

export interface LoadResult {
  p50: number;
  p95: number;
  /** Requests measured. */
  n: number;
  /** Requests sent in all, warm-up included. */
  total: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(concurrency: number, seconds: number, once: () => Promise<void>): Promise<LoadResult> {
  let total = 0;
  const loop = async (until: number, out: number[] | null) => {
    while (performance.now() < until) {
      const start = performance.now();
      await once();
      total += 1;
      out?.push(performance.now() - start);
    }
  };
  const warm = performance.now() + 700;
  await Promise.all(Array.from({ length: concurrency }, () => loop(warm, null)));
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => loop(until, times)));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, total };
}

async function serve(request: LoadRequest): Promise<LoadResult> {
  if (request.kind === 'http') {
    const { url, headers } = request;
    return load(request.concurrency, request.seconds, async () => {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    });
  }
  const pool = mysql.createPool({ ...request.db, connectionLimit: request.concurrency });
  try {
    return await load(request.concurrency, request.seconds, async () => {
      for (const s of request.statements) await pool.query(s.sql, s.params);
    });
  } finally {
    await pool.end();
  }
}

process.on('message', (request: LoadRequest) => {
  serve(request).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: String((error as Error).stack ?? error) }),
  );
});
