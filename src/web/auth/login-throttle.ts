/**
 * Lock-out after repeated sign-in failures, per username + client IP: `maxFailures` failures within
 * `windowMs` lock that pair for `lockMs`. Kept in memory (per instance): a restart or another
 * instance starts afresh, which bounds the slowdown of a password-guessing attempt, not its ceiling.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, { failures: number; firstAt: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}\u0000${ip}`;
  }

  /** Milliseconds left of a lock, or 0. */
  lockedFor(username: string, ip: string): number {
    const entry = this.entries.get(this.key(username, ip));
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  recordFailure(username: string, ip: string): void {
    this.prune();
    const key = this.key(username, ip);
    const now = this.now();
    const entry = this.entries.get(key);
    if (!entry || now - entry.firstAt > this.windowMs) {
      this.entries.set(key, { failures: 1, firstAt: now, lockedUntil: 0 });
      return;
    }
    entry.failures += 1;
    if (entry.failures >= this.maxFailures) entry.lockedUntil = now + this.lockMs;
  }

  recordSuccess(username: string, ip: string): void {
    this.entries.delete(this.key(username, ip));
  }

  private prune(): void {
    if (this.entries.size < 10_000) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil < now && now - entry.firstAt > this.windowMs) this.entries.delete(key);
    }
  }
}
