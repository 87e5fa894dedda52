import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

export class ReadinessDto extends HealthDto {
  @ApiProperty({ example: 'up' })
  database!: 'up';

  @ApiProperty({ enum: ['mysql', 'sqlite'] })
  type!: 'mysql' | 'sqlite';
}
