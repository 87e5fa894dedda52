import { IsId } from '../../../common/http/validators';
import { IsIn } from 'class-validator';
import { JOB_DEFINITIONS } from '../../../config/job-definitions';

export class RunIdParamDto {
  @IsId()
  id!: number;
}

export class JobNameParamDto {
  @IsIn(JOB_DEFINITIONS.map((j) => j.name))
  name!: (typeof JOB_DEFINITIONS)[number]['name'];
}
