import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_DEFINITIONS } from '../../config/job-definitions';

const JOB_NAMES = JOB_DEFINITIONS.map((j) => j.name);
export const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'abandoned'] as const;
export const TRIGGERS = ['cron', 'api', 'cli', 'web', 'pipeline'] as const;

export class JobCountsView {
  @ApiProperty() read!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() rejected!: number;
}

export class JobProgressView {
  @ApiProperty() done!: number;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
}

export class RecordErrorView {
  @ApiProperty({ example: 'facture 251004512 ligne 2' }) record!: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty({ example: 'UNKNOWN_ARTICLE' }) code!: string;
  @ApiProperty() message!: string;
}

export class JobFailureView {
  @ApiProperty({
    example: 'URCOOPA_UNAVAILABLE',
    description: 'Error code (AppError code, or INTERNAL_ERROR)',
  })
  code!: string;
  @ApiProperty({ description: 'The failure comes from an outside system (Urcoopa, Odoo…)' })
  external!: boolean;
}

/** One run of a job, as the API, the CLI and the legacy routes show it. */
export class JobRunView {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: JOB_NAMES }) job!: string;
  @ApiProperty({ enum: TRIGGERS }) trigger!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: JobCountsView }) counts!: JobCountsView;
  @ApiProperty({ type: JobProgressView }) progress!: JobProgressView;
  @ApiProperty({ type: String, nullable: true }) errorSummary!: string | null;
  @ApiProperty({ type: JobFailureView, nullable: true }) failure!: JobFailureView | null;
  @ApiProperty({ type: [RecordErrorView] }) recordErrors!: RecordErrorView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The job's own result (per-record outcomes, parameters used…)",
  })
  result!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'hostname:pid of the process that ran it' })
  instance!: string | null;
}

export class JobDefinitionView {
  @ApiProperty({ enum: JOB_NAMES }) name!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Environment variable holding the schedule' }) cronEnv!: string;
  @ApiProperty({ type: String, nullable: true, example: '17 11 * * *' }) cron!: string | null;
  @ApiProperty({ example: 'Indian/Reunion' }) timeZone!: string;
  @ApiProperty({ description: 'A handler is registered and the configuration allows it to run' })
  enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) unavailableReason!: string | null;
  @ApiProperty({
    type: [String],
    description: 'Parts of the job left off by the configuration ("non configurée"), with the reason',
  })
  notConfigured!: string[];
  @ApiProperty({ description: 'An Uptime Kuma push URL is configured (the URL itself is secret)' })
  uptimeKuma!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Run id when this process runs it now' })
  runningRunId!: number | null;
  @ApiProperty({ type: JobRunView, nullable: true }) lastRun!: JobRunView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextRunAt!: string | null;
}

export class RunStartedView {
  @ApiProperty() runId!: number;
}
