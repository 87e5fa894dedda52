import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';

export class InvoiceNumberParamDto {
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'numero: numéro de facture invalide' })
  numero!: string;
}

export class CsrfFormDto {
  @IsString()
  _csrf!: string;

  /** Where to come back to (the list with its filters). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  retour?: string;
}

export class ValidateSelectionDto extends CsrfFormDto {
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { each: true })
  numeros?: string[];
}

export class RecreateMoveDto extends CsrfFormDto {
  @IsIn(['facture-adherent-achat', 'facture-adherent-vente', 'facture-magasin'], {
    message: 'kind: type de mouvement inconnu',
  })
  kind!: string;
}
