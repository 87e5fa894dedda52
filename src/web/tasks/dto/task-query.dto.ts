import { IsIn, IsOptional } from 'class-validator';
import { IsId } from '../../../common/http/validators';
import { JOB_DEFINITIONS } from '../../../config/job-definitions';
import { RUN_STATUSES } from '../../../jobs/dto/job-run.view';

export class TaskListQueryDto {
  @IsOptional()
  @IsIn(['', ...JOB_DEFINITIONS.map((j) => j.name)])
  tache?: string;

  @IsOptional()
  @IsIn(['', ...RUN_STATUSES])
  statut?: string;

  /** The runs before this one (the next page, older). */
  @IsOptional()
  @IsId()
  avant?: number;
}
