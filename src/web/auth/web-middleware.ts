import { ForbiddenException } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import cookieSession from 'cookie-session';
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { API_KEY_HEADER } from '../../common/auth/api-key.guard';
import { isApiPath, SESSION_COOKIE, SESSION_IDLE_MS, WebRequest } from './web-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Refresh the rolling expiry at most this often (each refresh re-sends the cookie). */
const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * The middleware chain of the staff pages, in order: signed session cookie, cookies for the CSRF
 * double-submit token, idle expiry, CSRF check of every state-changing request that is not
 * authenticated by an API key, and the locals every page needs (user, token, flash).
 */
export function webMiddleware(config: AppConfig): RequestHandler[] {
  const secure = config.auth.secureCookies;
  const csrf = doubleCsrf({
    getSecret: () => config.auth.sessionSecret,
    getSessionIdentifier: (req) => (req as WebRequest).session?.sid ?? '',
    // __Host- needs Secure; without TLS (development, the office LAN) a plain name.
    cookieName: secure ? '__Host-sic.csrf' : 'sic.csrf',
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = typeof body?._csrf === 'string' ? body._csrf : undefined;
      const header = req.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });

  const session = cookieSession({
    name: SESSION_COOKIE,
    keys: [config.auth.sessionSecret],
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_IDLE_MS,
  });

  const housekeeping = (req: Request, res: Response, next: NextFunction) => {
    const request = req as WebRequest;
    const s = request.session;
    if (s?.user) {
      const now = Date.now();
      if (!s.seenAt || now - s.seenAt > SESSION_IDLE_MS) {
        request.session = null;
      } else if (now - s.seenAt > TOUCH_EVERY_MS) {
        s.seenAt = now;
      }
    }
    next();
  };

  const csrfCheck = (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // A cross-site form cannot set a custom header: API-key clients are not exposed to CSRF.
    if (req.headers[API_KEY_HEADER]) return next();
    if (!csrf.validateRequest(req)) {
      throw new ForbiddenException('Jeton de sécurité (CSRF) absent ou invalide : rechargez la page.');
    }
    next();
  };

  const locals = (req: Request, res: Response, next: NextFunction) => {
    const request = req as WebRequest;
    if (req.method !== 'GET' || isApiPath(req.path)) return next();
    if (request.session && !request.session.sid) request.session.sid = randomBytes(18).toString('base64url');
    res.locals.user = request.session?.user ?? null;
    res.locals.csrfToken = csrf.generateCsrfToken(req, res);
    res.locals.path = req.path;
    if (request.session?.flash) {
      res.locals.flash = request.session.flash;
      delete request.session.flash;
    }
    next();
  };

  return [session, cookieParser(), housekeeping, csrfCheck, locals];
}

/** A fresh session for a signed-in user (new CSRF binding: tokens of the anonymous form die). */
export function startUserSession(request: WebRequest, username: string): void {
  request.session = { user: username, sid: randomBytes(18).toString('base64url'), seenAt: Date.now() };
}
