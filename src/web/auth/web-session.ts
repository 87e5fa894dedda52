import type { Request } from 'express';

declare module 'express-session' {
  /** What a staff session holds on the server (table staff_session). */
  interface SessionData {
    /** Signed-in staff username; what the global guard checks. */
    user?: string;
    /** Start of the session (epoch ms): the absolute lifetime counts from here. */
    startedAt?: number;
    /** A session of the sign-in form, before sign-in (binds its CSRF token). */
    anon?: boolean;
    /** One-shot message shown on the next page. */
    flash?: { kind: 'ok' | 'warn' | 'ko'; text: string };
  }
}

/** A request of the staff pages; `apiKeyAuthenticated` when a valid X-API-Key came (the cookie is then ignored). */
export type WebRequest = Request & { apiKeyAuthenticated?: boolean };

export const SESSION_COOKIE = 'sic.session';

export function setFlash(request: WebRequest, kind: 'ok' | 'warn' | 'ko', text: string): void {
  if (request.session) request.session.flash = { kind, text };
}

/** API, docs and probes: no anonymous session, no CSRF cookie, JSON errors. */
export function isApiPath(path: string): boolean {
  return /^\/(api|docs|docs-json|health|metrics)(\/|$)/.test(path);
}
