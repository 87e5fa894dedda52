import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { JobName } from '../config/job-definitions';
import type { JobCounts, JobRunStatus } from './job-run.entity';
import { countExternalCall } from './metrics';

export interface UptimePushInput {
  job: JobName;
  status: JobRunStatus;
  durationMs: number | null;
  counts: JobCounts;
  errorSummary: string | null;
  /** Parts left off by the configuration: said in the message of an up push. */
  notConfigured?: string[];
}

export type UptimePushOutcome = 'sent' | 'not-configured' | 'failed';

const MAX_MSG = 200;

/** A push URL safe to log: Uptime Kuma's secret token is a path segment (/api/push/<token>). */
export function redactPushUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const path = /\/push\/[^/]+/.test(url.pathname)
      ? url.pathname.replace(/\/push\/[^/]+/, '/push/[REDACTED]')
      : url.pathname.replace(/[^/]+$/, '[REDACTED]');
    return `${url.origin}${path}`;
  } catch {
    return '[invalid URL]';
  }
}

/** The push URL for one run: the configured URL with status, msg (and ping) set in its query. */
export function buildPushUrl(base: string, input: UptimePushInput): string {
  const url = new URL(base);
  const up = input.status === 'succeeded';
  url.searchParams.set('status', up ? 'up' : 'down');
  url.searchParams.set('msg', up ? upMessage(input) : downMessage(input));
  if (input.durationMs !== null) url.searchParams.set('ping', String(input.durationMs));
  else url.searchParams.delete('ping');
  return url.toString();
}

function countsMessage(c: JobCounts): string {
  return `read=${c.read} created=${c.created} updated=${c.updated} unchanged=${c.unchanged} skipped=${c.skipped} rejected=${c.rejected}`;
}

function upMessage(input: UptimePushInput): string {
  const off = input.notConfigured?.length ? ` ; non configurée : ${input.notConfigured.join(' ; ')}` : '';
  const text = `${countsMessage(input.counts)}${off}`;
  return text.length > MAX_MSG ? `${text.slice(0, MAX_MSG - 1)}…` : text;
}

function downMessage(input: UptimePushInput): string {
  const reason = (input.errorSummary ?? input.status).replace(/\s+/g, ' ').trim();
  const text = `${input.status}: ${reason}`;
  return text.length > MAX_MSG ? `${text.slice(0, MAX_MSG - 1)}…` : text;
}

/** The one client of Uptime Kuma: a push per run, bounded by a timeout, never failing the job. */
@Injectable()
export class UptimeKumaClient {
  private readonly logger = new Logger(UptimeKumaClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async push(input: UptimePushInput): Promise<UptimePushOutcome> {
    const base = this.config.jobs[input.job]?.uptimeKumaUrl;
    if (!base) return 'not-configured';
    const safeUrl = redactPushUrl(base);
    try {
      const response = await fetch(buildPushUrl(base, input), {
        signal: AbortSignal.timeout(this.config.uptimeKumaTimeoutMs),
        redirect: 'follow',
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) {
        countExternalCall('uptime-kuma', 'push', 'error');
        this.logger.warn(
          { job: input.job, url: safeUrl, status: response.status },
          'Uptime Kuma push refused',
        );
        return 'failed';
      }
      countExternalCall('uptime-kuma', 'push', 'success');
      return 'sent';
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      countExternalCall('uptime-kuma', 'push', timeout ? 'timeout' : 'error');
      // Only the error's kind and code: fetch errors may quote the URL, whose path holds the token.
      const cause = (error as { cause?: { code?: string } }).cause;
      this.logger.warn(
        { job: input.job, url: safeUrl, error: timeout ? 'timeout' : (cause?.code ?? (error as Error).name) },
        'Uptime Kuma push failed',
      );
      return 'failed';
    }
  }
}
