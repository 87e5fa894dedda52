import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const INVOICE_STATUS_FILTERS = ['a_traiter', 'validees'] as const;
export const INVOICE_CATEGORY_FILTERS = ['adherent', 'non_adherent', 'inconnu'] as const;

export class InvoiceListQueryDto {
  @IsOptional()
  @IsIn(['', ...INVOICE_STATUS_FILTERS])
  statut?: string;

  @IsOptional()
  @IsIn(['', ...INVOICE_CATEGORY_FILTERS])
  categorie?: string;

  @IsOptional()
  @Matches(/^(\d{4}-(0[1-9]|1[0-2]))?$/, { message: 'mois doit être au format AAAA-MM' })
  mois?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;
}
