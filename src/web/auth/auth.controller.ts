import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Render,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { CsrfOnlyDto, SignInDto, SuiteQueryDto } from './dto/sign-in.dto';
import { PasswordCheckerBusyError } from '../../common/auth/password-checker';
import { SignInOutcome, StaffAuthService } from './staff-auth.service';
import { endSession, startUserSession } from './web-middleware';
import { SESSION_COOKIE, type WebRequest } from './web-session';

/** Only a local path may follow the sign-in (no open redirect). */
function safeNext(suite: string | undefined): string {
  return suite && /^\/(?![/\\])/.test(suite) ? suite : '/';
}

@ApiExcludeController()
@Controller()
export class AuthController {
  constructor(private readonly auth: StaffAuthService) {}

  @Public()
  @Get('connexion')
  @Render('connexion')
  form(@Query() query: SuiteQueryDto) {
    return { title: 'Connexion', suite: safeNext(query.suite), noAccounts: !this.auth.hasAccounts };
  }

  @Public()
  @Post('connexion')
  async signIn(@Body() body: SignInDto, @Req() req: WebRequest, @Res() res: Response) {
    // A request authenticated by its API key has no session to sign in.
    if (!req.session) throw new BadRequestException('Sign in with the form, without X-API-Key.');
    let outcome: SignInOutcome;
    try {
      outcome = await this.auth.signIn(body.username, body.password);
    } catch (error) {
      if (!(error instanceof PasswordCheckerBusyError)) throw error;
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return this.refuse(res, body, 429, 'Trop de connexions en cours : réessayez dans quelques secondes.');
    }
    if (outcome.ok) {
      await startUserSession(req, outcome.username);
      return res.redirect(303, safeNext(body.suite));
    }
    if (outcome.reason === 'invalid')
      return this.refuse(res, body, 401, 'Identifiant ou mot de passe incorrect.');
    const minutes = Math.ceil((outcome.retryInMs ?? 0) / 60_000);
    res.setHeader('Retry-After', String(Math.ceil((outcome.retryInMs ?? 0) / 1000)));
    return this.refuse(res, body, 429, `Trop de tentatives : compte bloqué pendant ${minutes} min.`);
  }

  private refuse(res: Response, body: SignInDto, status: number, error: string) {
    res.locals.csrfToken = body._csrf;
    return res.status(status).render('connexion', {
      title: 'Connexion',
      error,
      username: body.username,
      suite: safeNext(body.suite),
    });
  }

  @Post('deconnexion')
  @HttpCode(303)
  async signOut(@Body() _body: CsrfOnlyDto, @Req() req: WebRequest, @Res() res: Response) {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/connexion');
  }
}
