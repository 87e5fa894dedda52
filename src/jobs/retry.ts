import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { AppError } from '../common/errors/app-error';

export interface RetryOptions {
  /** Total attempts, the first one included (default 3). */
  attempts?: number;
  /** First backoff delay in ms (default 250); later ones grow exponentially, with jitter. */
  initialDelayMs?: number;
  /** Cap of one backoff delay in ms (default 10 s). */
  maxDelayMs?: number;
  /** Stops waiting and retrying when aborted (pass the job's context.signal). */
  signal?: AbortSignal;
  /** Which errors are worth another attempt (default: AppError with transient = true). */
  isTransient?: (error: Error) => boolean;
  /** Called before each new attempt (logging, metrics). */
  onRetry?: (error: unknown, nextAttempt: number) => void;
}

/** True for the failures a client marked as transient (network, timeout, 5xx, Odoo concurrency). */
export function isTransientError(error: unknown): boolean {
  return error instanceof AppError && error.transient;
}

/**
 * Runs one external call, retrying transient failures with exponential backoff and decorrelated
 * jitter (cockatiel), at most `attempts` times in all. Business errors (transient = false) are
 * thrown at once. Wrap single calls (one SOAP or XML-RPC request), never a whole job: a job is not
 * re-run by the runner.
 */
export async function retryTransient<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const policy = retry(handleWhen(options.isTransient ?? isTransientError), {
    maxAttempts: attempts - 1,
    backoff: new ExponentialBackoff({
      initialDelay: options.initialDelayMs ?? 250,
      maxDelay: options.maxDelayMs ?? 10_000,
    }),
  });
  let attempt = 0;
  if (options.onRetry) {
    const onRetry = options.onRetry;
    policy.onRetry((reason) => onRetry('error' in reason ? reason.error : reason.value, attempt + 1));
  }
  return policy.execute(({ signal }) => {
    attempt += 1;
    return fn(attempt, signal);
  }, options.signal);
}
