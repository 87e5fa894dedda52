import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ExportTypeParamDto,
  ResetResultView,
  ResolutionResultView,
  ResolveArticleDto,
  ResolveMemberDto,
  UnknownsView,
} from './dto/unknowns.dto';
import { UnknownsResolutionService } from './unknowns-resolution.service';
import { UnknownsService } from './unknowns.service';

@ApiTags('inconnus')
@Controller()
export class UnknownsController {
  constructor(
    private readonly unknowns: UnknownsService,
    private readonly resolution: UnknownsResolutionService,
  ) {}

  @Get('les_inconnus')
  @ApiOperation({
    summary: 'Adhérents, articles et magasins inconnus, avec les factures en attente concernées',
  })
  @ApiOkResponse({ type: UnknownsView })
  list() {
    return this.unknowns.list();
  }

  @Get('export_inconnus/:type')
  @ApiOperation({ summary: 'Export CSV (UTF-8, en-tête) des inconnus : clients, articles ou all' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Fichier CSV en pièce jointe' })
  @ApiBadRequestResponse({ description: 'Type inconnu' })
  async export(@Param() params: ExportTypeParamDto, @Res({ passthrough: true }) res: Response) {
    const { filename, content } = await this.unknowns.exportCsv(params.type);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return content;
  }

  @Delete('reset_table_adherent_article')
  @ApiOperation({ summary: 'Statuts de correspondance remis à « à traiter », tables des inconnus vidées' })
  @ApiOkResponse({ type: ResetResultView })
  reset() {
    return this.unknowns.reset();
  }

  @Post('api/inconnus/adherents/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Relier un adhérent inconnu à un partenaire Odoo (lien mémorisé, factures re-rapprochées)',
  })
  @ApiOkResponse({ type: ResolutionResultView })
  @ApiNotFoundResponse({ description: 'Partenaire Odoo introuvable, ou aucune facture pour cet adhérent' })
  resolveMember(@Body() body: ResolveMemberDto) {
    return this.resolution.resolveMember(body);
  }

  @Post('api/inconnus/articles/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Relier un article inconnu à un produit Odoo (lien mémorisé, lignes re-rapprochées)',
  })
  @ApiOkResponse({ type: ResolutionResultView })
  @ApiNotFoundResponse({ description: 'Produit Odoo introuvable' })
  resolveArticle(@Body() body: ResolveArticleDto) {
    return this.resolution.resolveArticle(body);
  }
}
