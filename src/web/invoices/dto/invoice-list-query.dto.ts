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

  /** Keyset cursor (`2025-10-03_251004512`): the page after this invoice. */
  @IsOptional()
  @Matches(/^(\d{4}-\d{2}-\d{2})?_[^\s]{1,20}$/, { message: 'curseur de page invalide' })
  apres?: string;

  /** Keyset cursor: the page before this invoice. */
  @IsOptional()
  @Matches(/^(\d{4}-\d{2}-\d{2})?_[^\s]{1,20}$/, { message: 'curseur de page invalide' })
  avant?: string;
}
