import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DateTime } from 'luxon';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppModule, AppModuleOptions } from './app.module';
import { loadCliConfig } from './config/app-config';
import { isJobName, JOB_DEFINITIONS } from './config/job-definitions';
import { JobCatalogService } from './jobs/job-catalog.service';
import { JobRunner } from './jobs/job-runner.service';
import { JobsError, JobsErrorCode } from './jobs/jobs.error';

/** Exit codes of `npm run job` (README, "Jobs"). */
export const CLI_EXIT = {
  succeeded: 0,
  failed: 1,
  partial: 2,
  /** Not run: already running (here or in another instance) or not available. */
  notRun: 3,
  usage: 64,
  config: 78,
} as const;

const USAGE = `Usage: npm run job -- <job> [--param key=value ...]
       npm run job -- --list
Jobs: ${JOB_DEFINITIONS.map((j) => j.name).join(', ')}
Exit: 0 succeeded, 1 failed, 2 partial (some records rejected), 3 not run (already running / not available), 64 usage, 78 bad configuration.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

interface ParsedArgs {
  list: boolean;
  help: boolean;
  job?: string;
  params: Record<string, string>;
  problems: string[];
}

export function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { list: false, help: false, params: {}, problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--list' || arg === '-l') parsed.list = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--param' || arg === '-p' || arg.startsWith('--param=')) {
      const pair = arg.startsWith('--param=') ? arg.slice('--param='.length) : argv[++i];
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 1) parsed.problems.push(`--param needs key=value, got '${pair ?? ''}'`);
      else parsed.params[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg.startsWith('-')) parsed.problems.push(`unknown option '${arg}'`);
    else if (parsed.job) parsed.problems.push(`one job at a time (got '${parsed.job}' and '${arg}')`);
    else parsed.job = arg;
  }
  if (!parsed.list && !parsed.help && !parsed.job) parsed.problems.push('name a job, or --list');
  if (parsed.job && !isJobName(parsed.job)) parsed.problems.push(`unknown job '${parsed.job}'`);
  return parsed;
}

/**
 * `npm run job`: runs one job through the same JobRunner as the server (trigger 'cli'), with the
 * configuration of the environment; crons are not started. Returns the exit code.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo,
  options: AppModuleOptions = {},
): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return CLI_EXIT.succeeded;
  }
  if (args.problems.length > 0) {
    io.err(`${args.problems.join('\n')}\n\n${USAGE}`);
    return CLI_EXIT.usage;
  }
  const config = loadCliConfig(env, (text) => io.err(text));
  if (!config) return CLI_EXIT.config;
  const app = await NestFactory.createApplicationContext(
    AppModule.register(config, { ...options, startCrons: false }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  try {
    await app.init();
    if (args.list) {
      const jobs = await app.get(JobCatalogService).describe();
      io.out(
        formatTable([
          ['JOB', 'SCHEDULE', `NEXT RUN (${config.businessTimeZone})`, 'ENABLED', 'LAST RUN', 'TITLE'],
          ...jobs.map((j) => [
            j.name,
            j.cron ?? `- (${j.cronEnv} unset)`,
            j.nextRunAt
              ? DateTime.fromISO(j.nextRunAt).setZone(config.businessTimeZone).toFormat('yyyy-MM-dd HH:mm')
              : '-',
            j.enabled ? 'yes' : `no: ${j.unavailableReason}`,
            j.lastRun ? `#${j.lastRun.id} ${j.lastRun.status} ${j.lastRun.startedAt}` : '-',
            j.title,
          ]),
        ]),
      );
      return CLI_EXIT.succeeded;
    }
    const runner = app.get(JobRunner);
    let run;
    try {
      run = await runner.run(args.job as never, 'cli', args.params);
    } catch (error) {
      if (
        error instanceof JobsError &&
        (error.code === JobsErrorCode.AlreadyRunning || error.code === JobsErrorCode.NotAvailable)
      ) {
        io.err(`${error.code}: ${error.message}`);
        return CLI_EXIT.notRun;
      }
      throw error;
    }
    io.out(JSON.stringify(run, null, 2));
    io.err(
      `Run #${run.id} of ${run.job}: ${run.status} in ${run.durationMs} ms` +
        (run.errorSummary ? ` (${run.errorSummary})` : ''),
    );
    return run.status === 'succeeded'
      ? CLI_EXIT.succeeded
      : run.status === 'partial'
        ? CLI_EXIT.partial
        : CLI_EXIT.failed;
  } finally {
    await app.close();
  }
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

if (typeof require !== 'undefined' && require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(CLI_EXIT.failed);
    },
  );
}
