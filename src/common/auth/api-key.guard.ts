import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { IS_PUBLIC } from './public.decorator';

export const API_KEY_HEADER = 'x-api-key';
/** Accepted in development when API_KEYS is not set; production refuses to start without keys. */
export const DEVELOPMENT_API_KEY = 'dev-only-api-key-change-me';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Global guard: every route needs an API key (X-API-Key), or a signed-in staff session for the
 * web pages, unless marked @Public().
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keyDigests: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const keys = config.auth.apiKeys.length > 0 ? config.auth.apiKeys : [DEVELOPMENT_API_KEY];
    this.keyDigests = keys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { session?: { user?: string } }>();
    if (request.session?.user) return true;
    const header = request.headers[API_KEY_HEADER];
    const presented = Array.isArray(header) ? header[0] : header;
    if (presented && this.matches(presented)) return true;
    throw new UnauthorizedException('A valid X-API-Key header (or a staff session) is required.');
  }

  /** Constant-time comparison of fixed-length digests, checked against every key. */
  private matches(presented: string): boolean {
    const candidate = digest(presented);
    let ok = false;
    for (const key of this.keyDigests) ok = timingSafeEqual(candidate, key) || ok;
    return ok;
  }
}
