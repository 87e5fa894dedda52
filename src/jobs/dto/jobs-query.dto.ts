import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HasNoSecretKeys, IsId, MAX_ID } from '../../common/http/validators';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { JOB_DEFINITIONS, JobName } from '../../config/job-definitions';
import type { JobRunStatus } from '../job-run.entity';
import { RUN_STATUSES } from './job-run.view';

const JOB_NAMES = JOB_DEFINITIONS.map((j) => j.name);

export class ListRunsQueryDto {
  @ApiPropertyOptional({ enum: JOB_NAMES })
  @IsOptional()
  @IsIn(JOB_NAMES)
  job?: JobName;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: JobRunStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class RunJobQueryDto {
  @ApiPropertyOptional({
    description: 'Wait for the end of the run and return it (else 202 with the run id)',
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  wait?: boolean;
}

export class RunJobBodyDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Parameters of this run, e.g. { "nbJours": 3, "dateReference": "2025-10-14" }',
  })
  @IsOptional()
  @IsObject()
  @HasNoSecretKeys()
  params?: Record<string, unknown>;
}

export class RunIdParamDto {
  @ApiProperty({ minimum: 1, maximum: MAX_ID })
  @IsId()
  id!: number;
}
