import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: false,
    root: './',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Probes MariaDB and the browser once; outside CI, tests needing an absent one are not run.
    globalSetup: ['./test/setup/global-setup.ts'],
    runner: './test/setup/runner.ts',
    reporters: ['default', './test/reporters/summary-reporter.ts'],
  },
  plugins: [swc.vite({ module: { type: 'es6' } })],
});
