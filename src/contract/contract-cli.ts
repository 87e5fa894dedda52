import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppModule } from '../app.module';
import { loadCliConfig } from '../config/app-config';
import { ContractService } from './contract.service';
import { formatContractReport } from './contract.types';

export interface ContractCliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: ContractCliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes of `npm run contract`: 0 every point passes, 1 some fail, 78 bad configuration. */
export const CONTRACT_EXIT = { ok: 0, failed: 1, config: 78 } as const;

/**
 * `npm run contract`: the pre-flight check with the configuration of the environment (.env), one
 * ✓/✗ line per point and the fix under each ✗. Reads only; crons are not started.
 */
export async function runContract(
  env: Record<string, string | undefined>,
  io: ContractCliIo = processIo,
  /** Runs once the app is up (migrations done), before the check: the sandbox launcher fills sic_depot. */
  beforeCheck?: (app: INestApplicationContext) => Promise<void>,
): Promise<number> {
  const config = loadCliConfig(env, (text) => io.err(text));
  if (!config) return CONTRACT_EXIT.config;
  const app = await NestFactory.createApplicationContext(AppModule.register(config, { startCrons: false }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  try {
    await app.init();
    await beforeCheck?.(app);
    const report = await app.get(ContractService).check();
    io.out(formatContractReport(report));
    return report.ok ? CONTRACT_EXIT.ok : CONTRACT_EXIT.failed;
  } finally {
    await app.close();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runContract(process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(CONTRACT_EXIT.failed);
    },
  );
}
