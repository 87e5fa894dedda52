import { Type } from 'class-transformer';
import { IsIn, IsInt, Min } from 'class-validator';
import { JOB_DEFINITIONS } from '../../../config/job-definitions';

export class RunIdParamDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  id!: number;
}

export class JobNameParamDto {
  @IsIn(JOB_DEFINITIONS.map((j) => j.name))
  name!: (typeof JOB_DEFINITIONS)[number]['name'];
}
