import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { SignInLockoutEntity } from './entities/sign-in-lockout.entity';

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** The counter's key: the user name as typed, trimmed and lower-cased; nothing the client sends besides. */
export function lockoutKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 100);
}

/**
 * Lock-out after repeated sign-in failures, per user name only (never per address: a client header
 * must not choose its counter), in the database: shared by every instance, kept across restarts.
 * `maxFailures` failures within `windowMs` lock the name for `lockMs`.
 */
export class SignInLockout {
  private lastPurge = 0;

  constructor(
    private readonly repo: Repository<SignInLockoutEntity>,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds left of a lock, or 0. */
  async lockedFor(username: string): Promise<number> {
    const row = await this.repo.findOneBy({ userName: lockoutKey(username) });
    return row?.lockedUntil ? Math.max(0, row.lockedUntil.getTime() - this.now()) : 0;
  }

  /** Counts a failure (atomically, whichever instance); returns the lock now in force, in ms. */
  async recordFailure(username: string): Promise<number> {
    const userName = lockoutKey(username);
    const now = this.now();
    const windowStart = new Date(now - this.policy.windowMs);
    const counted = await this.repo.increment(
      { userName, firstFailureAt: MoreThan(windowStart) },
      'failures',
      1,
    );
    if (!counted.affected) {
      // First failure, or the previous ones are older than the window: a fresh count.
      await this.repo.upsert({ userName, failures: 1, firstFailureAt: new Date(now), lockedUntil: null }, [
        'userName',
      ]);
      this.purgeNowAndThen(now);
    }
    const row = await this.repo.findOneBy({ userName });
    if (!row || row.failures < this.policy.maxFailures) return 0;
    const lockedUntil = new Date(now + this.policy.lockMs);
    await this.repo.update({ userName }, { lockedUntil, failures: 0, firstFailureAt: new Date(now) });
    return this.policy.lockMs;
  }

  async recordSuccess(username: string): Promise<void> {
    await this.repo.delete({ userName: lockoutKey(username) });
  }

  /** Forgets, every ten minutes at most, the names whose failures and lock are over. */
  private purgeNowAndThen(now: number): void {
    if (now - this.lastPurge < 10 * 60_000) return;
    this.lastPurge = now;
    const stale = LessThan(new Date(now - Math.max(this.policy.windowMs, this.policy.lockMs)));
    Promise.all([
      this.repo.delete({ firstFailureAt: stale, lockedUntil: IsNull() }),
      this.repo.delete({ firstFailureAt: stale, lockedUntil: LessThan(new Date(now)) }),
    ]).catch(() => undefined);
  }
}
