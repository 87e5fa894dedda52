import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DISCREPANCY_KINDS, ORDER_CHIPS } from '../matching-rules';

export class ReconciliationListQueryDto {
  @ApiPropertyOptional({ description: 'Store: its Urcoopa customer code (sic_depot.code_urcoopa)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{0,20}$/, { message: 'magasin: code client invalide' })
  magasin?: string;

  @ApiPropertyOptional({ description: 'Month of the order (sent, else ordered), YYYY-MM' })
  @IsOptional()
  @Matches(/^(\d{4}-(0[1-9]|1[0-2]))?$/, { message: 'mois doit être au format AAAA-MM' })
  mois?: string;

  @ApiPropertyOptional({ enum: ORDER_CHIPS })
  @IsOptional()
  @IsIn(['', ...ORDER_CHIPS])
  statut?: string;

  @ApiPropertyOptional({
    enum: DISCREPANCY_KINDS,
    description: 'Orders with an open discrepancy of this kind',
  })
  @IsOptional()
  @IsIn(['', ...DISCREPANCY_KINDS])
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;
}

export class OrderNumberParamDto {
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'numero: numéro de commande invalide' })
  numero!: string;
}

export class DiscrepancyIdParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id!: number;
}

export class DiscrepancyListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'accepted'] })
  @IsOptional()
  @IsIn(['', 'open', 'accepted'])
  status?: string;

  @ApiPropertyOptional({ enum: DISCREPANCY_KINDS })
  @IsOptional()
  @IsIn(['', ...DISCREPANCY_KINDS])
  kind?: string;

  @ApiPropertyOptional({ description: 'Discrepancies of this invoice' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'facture: numéro de facture invalide' })
  facture?: string;
}

export class AcceptDiscrepancyDto {
  @ApiPropertyOptional({ description: 'Why it is accepted (kept with who and when)' })
  @IsString()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'commentaire: un commentaire est obligatoire' })
  commentaire!: string;
}

export class AcceptDiscrepancyFormDto extends AcceptDiscrepancyDto {
  @IsString()
  _csrf!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  retour?: string;
}
