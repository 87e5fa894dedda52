import type { Request } from 'express';

/** What the signed session cookie holds. `user` is what the global guard checks. */
export interface WebSession {
  /** Signed-in staff username. */
  user?: string;
  /** Random id binding CSRF tokens to this session (also for the anonymous sign-in form). */
  sid?: string;
  /** Last activity (epoch ms): sessions idle for longer than the idle limit end. */
  seenAt?: number;
  /** One-shot message shown on the next page. */
  flash?: { kind: 'ok' | 'warn' | 'ko'; text: string };
}

export type WebRequest = Request & { session?: WebSession | null };

export const SESSION_COOKIE = 'sic.session';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export function setFlash(request: WebRequest, kind: 'ok' | 'warn' | 'ko', text: string): void {
  if (request.session) request.session.flash = { kind, text };
}

/** API, docs and probes: no session, no CSRF cookie, JSON errors. */
export function isApiPath(path: string): boolean {
  return /^\/(api|docs|docs-json|health|metrics)(\/|$)/.test(path);
}
