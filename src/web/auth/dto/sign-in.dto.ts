import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ description: 'Identifiant' })
  @IsString()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ description: 'Mot de passe' })
  @IsString()
  @MaxLength(200)
  password!: string;

  @ApiProperty({ required: false, description: 'Page demandée avant la connexion' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  suite?: string;

  @ApiProperty({ description: 'Jeton CSRF' })
  @IsString()
  _csrf!: string;
}

export class SuiteQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  suite?: string;
}

/** Forms posting only their CSRF token. */
export class CsrfOnlyDto {
  @IsString()
  _csrf!: string;
}
