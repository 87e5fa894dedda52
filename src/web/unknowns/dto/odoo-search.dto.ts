import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class OdooSearchQueryDto {
  @IsIn(['adherent', 'article'])
  type!: 'adherent' | 'article';

  @IsString()
  @MinLength(2)
  @MaxLength(80)
  q!: string;
}
