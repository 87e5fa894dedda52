import { describe, expect, it } from 'vitest';
import { CLI_EXIT, CliIo, main, parseArgs } from '../../src/cli';
import { JOB_DEFINITIONS } from '../../src/config/job-definitions';
import { testEnv } from '../helpers/app';
import { testJob } from './jobs.helpers';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += `${text}\n`),
    err: (text: string) => void (io.stderr += `${text}\n`),
  };
  return io;
}

let seenParams: Record<string, unknown> = {};
const handlers = [
  testJob('factures', (ctx) => {
    seenParams = ctx.params;
    return { counts: { read: 4, created: 4 } };
  }),
  testJob('livraisons', () => ({ errors: [{ record: 'BL1', code: 'X', message: 'bad' }] })),
  testJob('commandes', () => {
    throw new Error('Urcoopa down');
  }),
  testJob('gesica', () => ({}), 'GESICA_DB_HOST is not set'),
];

describe('CLI: npm run job', () => {
  it('lists the jobs with their schedules', async () => {
    const io = capture();
    const code = await main(['--list'], testEnv({ CRONTAB_APP_FACTURES: '17 11 * * *' }), io, {
      extraModules: handlers,
    });
    expect(code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^JOB\s+SCHEDULE\s+NEXT RUN \(Indian\/Reunion\)\s+ENABLED/);
    expect(lines).toHaveLength(JOB_DEFINITIONS.length + 1);
    expect(lines.find((l) => l.startsWith('factures '))).toMatch(
      /17 11 \* \* \*\s+\d{4}-\d{2}-\d{2} 11:17\s+yes/,
    );
    expect(lines.find((l) => l.startsWith('livraisons '))).toContain(
      '- (CRONTAB_APP_RECUPERE_LIVRAISON unset)',
    );
    expect(lines.find((l) => l.startsWith('gesica '))).toContain('no: GESICA_DB_HOST is not set');
  });

  it('runs a job through the runner (trigger cli) with its parameters: exit 0', async () => {
    const io = capture();
    const code = await main(
      ['factures', '--param', 'nbJours=3', '--param=dateReference=2025-10-14'],
      testEnv(),
      io,
      {
        extraModules: handlers,
      },
    );
    expect(code).toBe(CLI_EXIT.succeeded);
    expect(seenParams).toEqual({ nbJours: '3', dateReference: '2025-10-14' });
    const run = JSON.parse(io.stdout);
    expect(run).toMatchObject({ job: 'factures', trigger: 'cli', status: 'succeeded', counts: { read: 4 } });
    expect(io.stderr).toMatch(/Run #\d+ of factures: succeeded/);
  });

  it('exits 2 on a partial run, 1 on a failed run, 3 when the job cannot run', async () => {
    expect(await main(['livraisons'], testEnv(), capture(), { extraModules: handlers })).toBe(
      CLI_EXIT.partial,
    );
    const failed = capture();
    expect(await main(['commandes'], testEnv(), failed, { extraModules: handlers })).toBe(CLI_EXIT.failed);
    expect(failed.stderr).toContain('failed');
    const disabled = capture();
    expect(await main(['gesica'], testEnv(), disabled, { extraModules: handlers })).toBe(CLI_EXIT.notRun);
    expect(disabled.stderr).toContain('NOT_AVAILABLE');
  });

  it('exits 64 on a usage error and 78 on a bad configuration', async () => {
    for (const argv of [
      [],
      ['nope'],
      ['factures', 'livraisons'],
      ['factures', '--param', 'novalue'],
      ['--bogus'],
    ]) {
      const io = capture();
      expect(await main(argv, testEnv(), io), argv.join(' ')).toBe(CLI_EXIT.usage);
      expect(io.stderr).toContain('Usage: npm run job');
    }
    const io = capture();
    expect(await main(['factures'], testEnv({ CRONTAB_APP_FACTURES: 'not a cron' }), io)).toBe(
      CLI_EXIT.config,
    );
    expect(io.stderr).toContain('CRONTAB_APP_FACTURES');
    expect(parseArgs(['--help']).help).toBe(true);
  });
});
