import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { NotRunError, testDeps } from './test-deps';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A Chromium-family browser where people have one: CHROME_PATH, then chromium, chromium-browser, google-chrome on the PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): { path: string | null; reason: string } {
  if (env.CHROME_PATH) {
    return executable(env.CHROME_PATH)
      ? { path: env.CHROME_PATH, reason: '' }
      : { path: null, reason: `CHROME_PATH=${env.CHROME_PATH} is not an executable` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (executable(candidate)) return { path: candidate, reason: '' };
    }
  }
  return { path: null, reason: `no browser found (CHROME_PATH, ${BROWSER_NAMES.join(', ')} on the PATH)` };
}

/**
 * Launches the browser found by the global setup. Outside CI without one, the calling suite is
 * not run (NotRunError); in CI its absence fails.
 */
export async function launchBrowser(): Promise<Browser> {
  const deps = await testDeps();
  if (!deps.browser.path) {
    if (!deps.strict) throw new NotRunError(deps.browser.reason);
    throw new Error(`Browser tests need Chromium or Chrome: ${deps.browser.reason} (README, "Tests")`);
  }
  return chromium.launch({ executablePath: deps.browser.path, args: CHROMIUM_ARGS });
}
