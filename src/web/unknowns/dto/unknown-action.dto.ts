import { IsId } from '../../../common/http/validators';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class UnknownKindParamDto {
  @IsIn(['adherent', 'article'])
  kind!: 'adherent' | 'article';
}

export class ExportTypeParamDto {
  @IsIn(['clients', 'articles', 'all'])
  type!: 'clients' | 'articles' | 'all';
}

export class ResolveUnknownDto {
  @IsString()
  _csrf!: string;

  /** The unknown: member name, or article code/label, as listed. */
  @IsString()
  @MaxLength(255)
  cle!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;

  @IsId()
  odooId!: number;
}

export class ResetUnknownsDto {
  @IsString()
  _csrf!: string;

  @IsIn(['oui'], { message: 'confirmation: cochez « Je confirme »' })
  confirmation!: string;
}
