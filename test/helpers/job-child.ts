/**
 * Runs one job of the real app in a child process (env from the parent), then prints the run as
 * JSON. Crash tests kill this process in the middle of a run.
 * Usage: node -r ./test/helpers/swc-register.cjs test/helpers/job-child.ts <job>
 */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap';
import { loadAppConfig } from '../../src/config/app-config';
import { isJobName } from '../../src/config/job-definitions';
import { JobRunner } from '../../src/jobs/job-runner.service';

async function main(): Promise<void> {
  const job = process.argv[2];
  if (!isJobName(job)) throw new Error(`unknown job ${job}`);
  const app = await createApp(loadAppConfig(process.env), { startCrons: false });
  await app.init();
  process.stdout.write('READY\n');
  const run = await app.get(JobRunner).run(job, 'cli', {});
  process.stdout.write(`${JSON.stringify(run)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
