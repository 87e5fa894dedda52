import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  BulkValidationResultView,
  InjectionOutcomeView,
  InvoiceNumberParamDto,
  ValidateAllBodyDto,
  ValidationResultView,
} from './dto/invoice-validation.dto';
import { InvoiceInjectionService } from './invoice-injection.service';
import { InvoiceValidationService } from './invoice-validation.service';

@ApiTags('factures')
@Controller()
export class InvoiceValidationController {
  constructor(
    private readonly validation: InvoiceValidationService,
    private readonly injection: InvoiceInjectionService,
  ) {}

  @Post('valider-facture/:numero')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Valider une facture adhérent (facture_valider = 1, date de validation) ; une 2e fois ne change rien',
  })
  @ApiOkResponse({ type: ValidationResultView })
  @ApiNotFoundResponse({ description: 'Facture introuvable' })
  validate(@Param() params: InvoiceNumberParamDto) {
    return this.validation.validate(params.numero);
  }

  @Post('valider-toutes-factures')
  @HttpCode(200)
  @ApiOperation({ summary: 'Valider les factures listées, ou toutes les factures adhérents en attente' })
  @ApiOkResponse({ type: BulkValidationResultView })
  validateAll(@Body() body: ValidateAllBodyDto) {
    return this.validation.validateAll(body?.numeros);
  }

  @Post('api/factures/:numero/injecter')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Envoyer cette facture dans Odoo maintenant (une seule fois) et rendre le résultat',
    description: 'Lance le job de la facture (factures-magasins ou injection-adherents) pour ce seul numéro.',
  })
  @ApiOkResponse({ type: InjectionOutcomeView })
  @ApiNotFoundResponse({ description: 'Facture introuvable' })
  @ApiBadRequestResponse({ description: 'Ni facture magasin ni facture adhérent' })
  @ApiConflictResponse({ description: 'Le job tourne déjà (ALREADY_RUNNING)' })
  inject(@Param() params: InvoiceNumberParamDto) {
    return this.injection.injectOne(params.numero);
  }
}
