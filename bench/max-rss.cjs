/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload loaded with node -r */
// Preloaded (node -r) into the service process of the memory figure: at exit, writes the process's
// peak resident set size (getrusage maxRSS, kB) to the file BENCH_MAX_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.BENCH_MAX_RSS_FILE)
    writeFileSync(process.env.BENCH_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
