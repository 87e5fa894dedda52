/**
 * `/health` latency during a sign-in burst (64 sign-ins with distinct user names, 16 at a time,
 * bcrypt cost 12): ours (checks in worker threads) against /health alone (the bound) and against
 * the same comparisons on the main thread (the previous code, bcryptjs on the event loop).
 */
import bcrypt from 'bcryptjs';
import { get } from 'node:http';
import { startTestApp, testEnv, type TestApp } from '../test/helpers/app';
import { printFigure, summary } from './bench-kit';

const SIGN_INS = 64;
const CONCURRENCY = 16;
const HEALTH_ALONE = 300;
const HASH_12 = '$2b$12$n4QnyoJfISf9D6oLBCupo.0MDJ7ct1yeCHyd/CfqBsavovOpT4QJC';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** One /health request on a new connection (a kept-alive one may be closed by the server meanwhile). */
function healthOnce(base: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    get(`${base}/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - start));
    }).on('error', reject);
  });
}

/** Polls /health one request after the other until `done` settles. */
async function pollWhile(base: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const samples: number[] = [];
  while (!finished) samples.push(await healthOnce(base));
  return samples;
}

async function inBatches(n: number, size: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < n) await one(next++);
    }),
  );
}

async function signInBurst(base: string): Promise<{ statuses: Map<number, number> }> {
  const form = await fetch(`${base}/connexion`, { headers: { Accept: 'text/html' } });
  const cookie = (form.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const statuses = new Map<number, number>();
  await inBatches(SIGN_INS, CONCURRENCY, async (i) => {
    const res = await fetch(`${base}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ username: `bench-user-${i}`, password: 'wrong-password', _csrf: csrf }),
    });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  });
  return { statuses };
}

export async function signInFigure(): Promise<void> {
  const app: TestApp = await startTestApp(
    testEnv({ STAFF_USERS: `compta:${HASH_12}`, SESSION_SECRET: 'bench-session-secret-0123456789abcdef' }),
  );
  try {
    const base = await app.app.getUrl().then((u) => u.replace('[::1]', '127.0.0.1'));
    for (let i = 0; i < 20; i++) await healthOnce(base);
    const alone: number[] = [];
    for (let i = 0; i < HEALTH_ALONE; i++) alone.push(await healthOnce(base));

    const burst = signInBurst(base);
    const during = await pollWhile(base, burst);
    const { statuses } = await burst;

    const naiveBurst = inBatches(SIGN_INS, CONCURRENCY, () => bcrypt.compare('wrong-password', HASH_12));
    const naive = await pollWhile(base, naiveBurst);

    const [a, o, n] = [stats(alone), stats(during), stats(naive)];
    printFigure(
      `Sign-in burst: /health latency (ms) during ${SIGN_INS} sign-ins, ${CONCURRENCY} at a time, bcrypt cost 12`,
      [
        { metric: '/health p50', ours: o.p50, bound: a.p50, naive: n.p50, digits: 1 },
        { metric: '/health p99', ours: o.p99, bound: a.p99, naive: n.p99, digits: 1 },
        { metric: '/health max', ours: o.max, bound: a.max, naive: n.max, digits: 1 },
      ],
      [
        `ours: password checks in worker threads (bounded pool); bound: /health alone (${HEALTH_ALONE} requests); naive: the same comparisons with bcryptjs on the event loop (the previous sign-in).`,
        `sign-in answers during the burst: ${[...statuses].map(([s, c]) => `${c} × ${s}`).join(', ')}; /health samples: ${during.length} ours, ${naive.length} naive. Target p99 < 50 ms.`,
      ],
    );
    summary.push(
      `sign-in burst: /health p99 ${o.p99.toFixed(1)} ms (alone ${a.p99.toFixed(1)} ms, main-thread bcrypt ${n.p99.toFixed(1)} ms)`,
    );
  } finally {
    await app.close();
  }
}
