import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { setFlash, WebRequest } from '../auth/web-session';
import {
  ExportTypeParamDto,
  ResetUnknownsDto,
  ResolveUnknownDto,
  UnknownKindParamDto,
} from './dto/unknown-action.dto';
import { UnknownsActionsService } from './unknowns-actions.service';

/** Form posts and downloads of the unknowns page. */
@ApiExcludeController()
@Controller('inconnus')
export class UnknownsActionsController {
  constructor(private readonly actions: UnknownsActionsService) {}

  @Get('export/:type')
  async export(@Param() p: ExportTypeParamDto, @Res() res: Response) {
    const { filename, content } = await this.actions.exportCsv(p.type);
    res.type('text/csv; charset=utf-8').attachment(filename).send(content);
  }

  @Post(':kind/associer')
  async resolve(
    @Param() p: UnknownKindParamDto,
    @Body() body: ResolveUnknownDto,
    @Req() req: WebRequest,
    @Res() res: Response,
  ) {
    const outcome = await this.actions.resolve(p.kind, body, req.session?.user);
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, '/inconnus');
  }

  @Post('reinitialiser')
  async reset(@Body() _body: ResetUnknownsDto, @Req() req: WebRequest, @Res() res: Response) {
    const outcome = await this.actions.reset();
    setFlash(req, outcome.kind, outcome.text);
    res.redirect(303, '/inconnus');
  }
}
