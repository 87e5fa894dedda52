import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

const TTL_MS = 10 * 60_000;

/**
 * Holds an Urcoopa key given for one run (legacy routes' xCleAPI) under an opaque reference, so
 * that the key itself never enters the run's parameters (stored in sync_job_run and shown).
 */
@Injectable()
export class UrcoopaCallKeys {
  private readonly keys = new Map<string, { key: string; expires: number }>();

  hold(key: string): string {
    this.sweep();
    const ref = randomUUID();
    this.keys.set(ref, { key, expires: Date.now() + TTL_MS });
    return ref;
  }

  /** The key held under `ref`, once (it is forgotten). */
  take(ref: unknown): string | undefined {
    if (typeof ref !== 'string') return undefined;
    const entry = this.keys.get(ref);
    this.keys.delete(ref);
    return entry && entry.expires > Date.now() ? entry.key : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [ref, entry] of this.keys) if (entry.expires <= now) this.keys.delete(ref);
  }
}
