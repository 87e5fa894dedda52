import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class AccountingMonthParamsDto {
  @ApiProperty({ example: 2025, description: 'Année' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  annee!: number;

  @ApiProperty({ example: 10, description: 'Mois (1 à 12)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  mois!: number;
}
