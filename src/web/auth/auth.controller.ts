import { Body, Controller, Get, HttpCode, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { CsrfOnlyDto, SignInDto, SuiteQueryDto } from './dto/sign-in.dto';
import { StaffAuthService } from './staff-auth.service';
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
    const outcome = await this.auth.signIn(body.username, body.password, req.ip ?? '');
    if (outcome.ok) {
      await startUserSession(req, outcome.username);
      return res.redirect(303, safeNext(body.suite));
    }
    const error =
      outcome.reason === 'locked'
        ? `Trop de tentatives : compte bloqué pendant ${Math.ceil((outcome.retryInMs ?? 0) / 60_000)} min.`
        : 'Identifiant ou mot de passe incorrect.';
    res.locals.csrfToken = req.body?._csrf;
    return res.status(outcome.reason === 'locked' ? 429 : 401).render('connexion', {
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
