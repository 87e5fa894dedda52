import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountingService } from './accounting.service';
import { AccountingMonthParamsDto } from './dto/accounting-month.dto';

@ApiTags('comptabilité')
@Controller('api/donnees-comptables')
export class AccountingController {
  constructor(private readonly accounting: AccountingService) {}

  @Get(':annee/:mois')
  @ApiOperation({
    summary: "Chiffres comptables d'un mois",
    description:
      "Factures VRAC des clients dont le code commence par 5, hors clients exclus du mois (sic_urcoopa_Exclution_mois) : HT par type (F/A) et INTR, TVA, aperçu d'écritures. Mois = [1er, 1er du mois suivant). Montants en chaînes décimales exactes.",
  })
  @ApiOkResponse({ description: 'Les chiffres du mois' })
  figures(@Param() params: AccountingMonthParamsDto) {
    return this.accounting.monthFigures(params.annee, params.mois);
  }
}
