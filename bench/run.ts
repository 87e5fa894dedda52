/**
 * The benches, one after the other in this process, each printing one table: ours against the
 * lower bound and against the naive way, measured side by side in the same run; then a summary.
 * Run: npm run bench (needs MariaDB at 127.0.0.1:3306, like the tests). `npm run bench -- orders`
 * runs only the figures whose name contains one of the arguments (import, moves, orders, sign-in, pages, rapprochement, memory).
 */
import { summary } from './bench-kit';

// Loaded only when run: a figure's imports (test helpers) stay out of the others.
const FIGURES: Array<[string, () => Promise<void>]> = [
  ['import', async () => (await import('./import')).importFigure()],
  ['moves', async () => (await import('./odoo-moves')).movesFigure()],
  ['orders', async () => (await import('./orders')).ordersFigure()],
  ['sign-in', async () => (await import('./sign-in')).signInFigure()],
  ['pages', async () => (await import('./pages')).pagesFigure()],
  ['rapprochement', async () => (await import('./reconciliation')).reconciliationFigure()],
  ['memory', async () => (await import('./memory')).memoryFigure()],
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const started = performance.now();
  for (const [name, figure] of FIGURES)
    if (wanted.length === 0 || wanted.some((w) => name.includes(w))) await figure();
  const maxRss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    [
      '\nSummary (ours / bound: how far from the fewest round trips or the bare driver; naive / ours: the gain)',
      ...summary.map((s) => `  ${s}`),
      `  bench ${seconds} s, process maxRSS ${maxRss} MB (sandboxes included)`,
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
