import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { ApiKeyVerifier } from './api-keys';
import { IS_PUBLIC } from './public.decorator';

export { API_KEY_HEADER, DEVELOPMENT_API_KEY } from './api-keys';

/**
 * Global guard: every route needs an API key (X-API-Key), or a signed-in staff session for the
 * web pages, unless marked @Public(). The session lives on the server (see web-middleware.ts).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly verifier: ApiKeyVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.verifier = new ApiKeyVerifier(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { session?: { user?: string } }>();
    if (this.verifier.isValid(request.headers)) return true;
    if (request.session?.user) return true;
    throw new UnauthorizedException('A valid X-API-Key header (or a staff session) is required.');
  }
}
