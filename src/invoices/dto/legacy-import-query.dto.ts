import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Query of the legacy import routes (GET /Recupere_Factures/, GET /recupere_livraison/). */
export class LegacyImportQueryDto {
  @ApiPropertyOptional({
    description: 'Days of the window (default API_KEY_JOUR_FACTURES / API_KEY_JOUR)',
    minimum: 1,
    maximum: 366,
    example: 15,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  nb_jours?: number;

  @ApiPropertyOptional({
    description:
      'Last day of the window, YYYY-MM-DD (default: today in La Réunion, or API_KEY_DATE_REFERENCE)',
    example: '2025-10-14',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'dateReference must be a day YYYY-MM-DD',
  })
  dateReference?: string;

  @ApiPropertyOptional({
    description:
      'Accepted for compatibility with the previous tool: the Urcoopa key for this call only (default: the configured key). Prefer leaving it out; it is never logged nor stored.',
    format: 'password',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  xCleAPI?: string;
}
