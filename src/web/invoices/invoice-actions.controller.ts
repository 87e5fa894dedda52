import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { setFlash, WebRequest } from '../auth/web-session';
import {
  CsrfFormDto,
  InvoiceNumberParamDto,
  RecreateMoveDto,
  ValidateSelectionDto,
} from './dto/invoice-action.dto';
import { InvoiceActionsService } from './invoice-actions.service';
import { OdooConflictsService } from './odoo-conflicts.service';

const LIST = '/factureAdherentUrcoopa';
const back = (retour: string | undefined, fallback: string) =>
  retour?.startsWith(`${LIST}?`) ? retour : fallback;

/** Form posts of the member invoice pages: act, flash the outcome, redirect (POST → 303 → GET). */
@ApiExcludeController()
@Controller(LIST)
export class InvoiceActionsController {
  constructor(
    private readonly actions: InvoiceActionsService,
    private readonly conflicts: OdooConflictsService,
  ) {}

  @Post('valider-selection')
  async validateSelection(@Body() body: ValidateSelectionDto, @Req() req: WebRequest, @Res() res: Response) {
    const outcome = await this.actions.validate(body.numeros ?? []);
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, back(body.retour, LIST));
  }

  @Post(':numero/valider')
  async validate(
    @Param() p: InvoiceNumberParamDto,
    @Body() body: CsrfFormDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const outcome = await this.actions.validate([p.numero]);
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, back(body.retour, `${LIST}/${p.numero}`));
  }

  @Post(':numero/recreer-odoo')
  async recreate(
    @Param() p: InvoiceNumberParamDto,
    @Body() body: RecreateMoveDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const outcome = await this.conflicts.recreate(p.numero, body.kind, req.session?.user ?? 'inconnu');
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, `${LIST}/${p.numero}`);
  }

  @Post(':numero/envoyer-odoo')
  async send(
    @Param() p: InvoiceNumberParamDto,
    @Body() _body: CsrfFormDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const outcome = await this.actions.sendToOdoo(p.numero);
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, `${LIST}/${p.numero}`);
  }
}
