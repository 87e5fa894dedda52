import { Store, type SessionData } from 'express-session';
import { createHash } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { StaffSessionEntity } from './entities/staff-session.entity';

/** Activity pushes the idle expiry forward at most this often (one UPDATE, not one per request). */
const TOUCH_GRANULARITY_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;
/** A sign-in form's session (before sign-in) lives at most this long. */
const ANONYMOUS_MAX_MS = 60 * 60_000;

function hashId(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

type Callback = (err?: unknown) => void;

/**
 * express-session store on our own database (MySQL/MariaDB or SQLite, through TypeORM). Rows are
 * keyed by the SHA-256 of the session id, so a leaked table gives no usable cookie. A row past its
 * idle or absolute expiry is gone for good: the cookie then opens nothing.
 */
export class DatabaseSessionStore extends Store {
  private lastPurge = 0;

  constructor(
    private readonly repo: Repository<StaffSessionEntity>,
    private readonly idleMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.run(async () => {
      const row = await this.repo.findOneBy({ id: hashId(sid) });
      if (!row) return null;
      if (row.expiresAt.getTime() <= this.now() || !row.data) {
        await this.repo.delete({ id: row.id });
        return null;
      }
      return JSON.parse(row.data) as SessionData;
    }, callback);
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(async () => {
      const now = this.now();
      const absolute = this.absoluteExpiry(session, now);
      await this.repo.upsert(
        {
          id: hashId(sid),
          userName: session.user ?? null,
          data: JSON.stringify(session),
          expiresAt: new Date(Math.min(now + this.idleMs, absolute)),
          absoluteExpiresAt: new Date(absolute),
          createdAt: new Date(session.startedAt ?? now),
        },
        ['id'],
      );
      this.purgeNowAndThen(now);
    }, callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    this.run(
      async () => {
        const now = this.now();
        const expiry = Math.min(now + this.idleMs, this.absoluteExpiry(session, now));
        await this.repo.update(
          { id: hashId(sid), expiresAt: LessThan(new Date(expiry - TOUCH_GRANULARITY_MS)) },
          { expiresAt: new Date(expiry) },
        );
      },
      () => callback?.(),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(() => this.repo.delete({ id: hashId(sid) }), callback);
  }

  /** Ends every session of a user (e.g. removed from STAFF_USERS). */
  async destroyUser(username: string): Promise<void> {
    await this.repo.delete({ userName: username });
  }

  private absoluteExpiry(session: SessionData, now: number): number {
    const started = session.startedAt ?? now;
    return started + (session.user ? this.maxMs : Math.min(this.maxMs, ANONYMOUS_MAX_MS));
  }

  private purgeNowAndThen(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.repo.delete({ expiresAt: LessThan(new Date(now)) }).catch(() => undefined);
  }

  private run<T>(work: () => Promise<T>, callback?: (err: unknown, value?: T) => void): void {
    work().then(
      (value) => callback?.(null, value),
      (err: unknown) => callback?.(err),
    );
  }
}
