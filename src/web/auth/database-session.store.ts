import { Store, type SessionData } from 'express-session';
import { createHash } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { StaffSessionEntity } from './entities/staff-session.entity';

/** Activity pushes the idle expiry forward at most this often (one UPDATE, not one per request). */
const TOUCH_GRANULARITY_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;
/** A sign-in form's session (before sign-in) lives at most this long. */
const ANONYMOUS_MAX_MS = 60 * 60_000;
/** Expiries remembered at most (one per live session; a full map is simply forgotten). */
const KNOWN_EXPIRIES_MAX = 10_000;

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
  /**
   * The idle expiry each session row had when this process last read or wrote it. express-session
   * touches the session at the end of every request it read at the start: knowing the row's expiry
   * lets the touch skip its UPDATE round trip when the UPDATE's own condition would change nothing.
   */
  private readonly knownExpiry = new Map<string, number>();

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
      const id = hashId(sid);
      this.knownExpiry.delete(id);
      // Plain SQL: this runs at every request, the repository's query building cost more than the query.
      const [row] = await this.repo.query<Array<{ data: string | null; expires_at: unknown }>>(
        'SELECT data, expires_at FROM staff_session WHERE id = ?',
        [id],
      );
      if (!row) return null;
      const expiresAt = this.readDate(row.expires_at);
      if (expiresAt <= this.now() || !row.data) {
        await this.repo.delete({ id });
        return null;
      }
      this.remember(id, expiresAt);
      return JSON.parse(row.data) as SessionData;
    }, callback);
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(async () => {
      const now = this.now();
      const absolute = this.absoluteExpiry(session, now);
      const id = hashId(sid);
      const expiresAt = Math.min(now + this.idleMs, absolute);
      this.knownExpiry.delete(id);
      await this.repo.upsert(
        {
          id,
          userName: session.user ?? null,
          data: JSON.stringify(session),
          expiresAt: new Date(expiresAt),
          absoluteExpiresAt: new Date(absolute),
          createdAt: new Date(session.startedAt ?? now),
        },
        ['id'],
      );
      this.remember(id, expiresAt);
      this.purgeNowAndThen(now);
    }, callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    this.run(
      async () => {
        const now = this.now();
        const expiry = Math.min(now + this.idleMs, this.absoluteExpiry(session, now));
        const id = hashId(sid);
        const known = this.knownExpiry.get(id);
        if (known !== undefined && known >= expiry - TOUCH_GRANULARITY_MS) return;
        const { affected } = await this.repo.update(
          { id, expiresAt: LessThan(new Date(expiry - TOUCH_GRANULARITY_MS)) },
          { expiresAt: new Date(expiry) },
        );
        if (affected) this.remember(id, expiry);
      },
      () => callback?.(),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    const id = hashId(sid);
    this.knownExpiry.delete(id);
    this.run(() => this.repo.delete({ id }), callback);
  }

  /** Ends every session of a user (e.g. removed from STAFF_USERS). */
  async destroyUser(username: string): Promise<void> {
    this.knownExpiry.clear();
    await this.repo.delete({ userName: username });
  }

  /** A DATETIME as the driver returned it (MySQL: Date, SQLite: UTC text), read as the entity reads it. */
  private readDate(value: unknown): number {
    const column = this.repo.metadata.findColumnWithPropertyName('expiresAt')!;
    return (this.repo.manager.connection.driver.prepareHydratedValue(value, column) as Date).getTime();
  }

  private remember(id: string, expiresAt: number): void {
    if (this.knownExpiry.size >= KNOWN_EXPIRIES_MAX) this.knownExpiry.clear();
    this.knownExpiry.set(id, expiresAt);
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
