import { ForbiddenException } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { ApiKeyVerifier } from '../../common/auth/api-keys';
import type { AppConfig } from '../../config/app-config';
import type { DatabaseSessionStore } from './database-session.store';
import { isApiPath, SESSION_COOKIE, WebRequest } from './web-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The middleware chain of every route, in order: the API key (a valid one authenticates the
 * request and the session cookie is then ignored), the server-side session, its staff check (a
 * user removed from STAFF_USERS loses the session at once), cookies for the CSRF double-submit
 * token, the CSRF check of every state-changing request made with a session, and the locals every
 * page needs (user, token, flash).
 */
export function webMiddleware(config: AppConfig, store: DatabaseSessionStore): RequestHandler[] {
  const secure = config.auth.secureCookies;
  const verifier = new ApiKeyVerifier(config);
  const staff = new Set(config.auth.staffUsers.map((u) => u.username));
  const csrf = doubleCsrf({
    getSecret: () => config.auth.sessionSecret,
    getSessionIdentifier: (req) => req.sessionID ?? '',
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

  const apiKey = (req: Request, res: Response, next: NextFunction) => {
    if (verifier.isValid(req.headers)) (req as WebRequest).apiKeyAuthenticated = true;
    next();
  };

  const sessions = session({
    name: SESSION_COOKIE,
    secret: config.auth.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  });
  const serverSession = (req: Request, res: Response, next: NextFunction) => {
    if ((req as WebRequest).apiKeyAuthenticated) return next();
    sessions(req, res, next);
  };

  const staffCheck = (req: Request, res: Response, next: NextFunction) => {
    const user = req.session?.user;
    if (!user || staff.has(user)) return next();
    req.session.destroy((err) => next(err));
  };

  const csrfCheck = (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || (req as WebRequest).apiKeyAuthenticated) return next();
    // Without a signed-in session the guard answers 401, except on the sign-in form itself.
    if (!req.session?.user && req.path !== '/connexion') return next();
    if (!csrf.validateRequest(req)) {
      throw new ForbiddenException('Jeton de sécurité (CSRF) absent ou invalide : rechargez la page.');
    }
    next();
  };

  const locals = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApiPath(req.path)) return next();
    if (req.session && !req.session.user && !req.session.anon) {
      req.session.anon = true;
      req.session.startedAt = Date.now();
    }
    res.locals.user = req.session?.user ?? null;
    res.locals.csrfToken = csrf.generateCsrfToken(req, res);
    res.locals.path = req.path;
    if (req.session?.flash) {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    }
    next();
  };

  return [apiKey, serverSession, staffCheck, cookieParser(), csrfCheck, locals];
}

/** A fresh session (new id: no fixation, and the anonymous form's CSRF tokens die) for a signed-in user. */
export function startUserSession(req: Request, username: string): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err as Error);
      req.session.user = username;
      req.session.startedAt = Date.now();
      req.session.save((saveErr) => (saveErr ? reject(saveErr as Error) : resolve()));
    });
  });
}

/** Ends the session on the server: the cookie, even replayed, opens nothing afterwards. */
export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.session) return resolve();
    req.session.destroy((err) => (err ? reject(err as Error) : resolve()));
  });
}
