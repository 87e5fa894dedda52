import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class InvoiceNumberParamDto {
  @ApiProperty({ example: '251004512', description: 'Numéro de facture Urcoopa' })
  @IsString()
  @MaxLength(20)
  @Matches(/^[\w.-]+$/, { message: 'numero: chiffres, lettres, point ou tiret' })
  numero!: string;
}

export class ValidateAllBodyDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['251004512', '251004513'],
    description: 'Numéros à valider ; absent ou vide : toutes les factures adhérents en attente',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  numeros?: string[];
}

export class ValidationResultView {
  @ApiProperty() numero!: string;
  @ApiProperty({ description: 'Déjà validée avant cet appel (rien changé)' }) alreadyValidated!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dateValidation!: Date | null;
}

export class BulkValidationResultView {
  @ApiProperty({ type: [String] }) validated!: string[];
  @ApiProperty({ type: [String] }) alreadyValidated!: string[];
  @ApiProperty({ type: [String] }) notFound!: string[];
}

export class InjectionOutcomeView {
  @ApiProperty() numero!: string;
  @ApiProperty({ enum: ['factures-magasins', 'injection-adherents'] }) job!: string;
  @ApiProperty() runId!: number;
  @ApiProperty({ example: 'succeeded' }) runStatus!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'ID_Facture_ODOO après le run' })
  idFactureOdoo!: number | null;
  @ApiProperty() integrated!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) errors!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: unknown;
}
