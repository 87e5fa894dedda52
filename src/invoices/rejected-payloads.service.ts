import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RecordError } from '../jobs/job-run.entity';
import type { PayloadRejection } from '../urcoopa/urcoopa-payload';
import { RejectedPayloadEntity, RejectedPayloadKind } from './entities/rejected-payload.entity';

/** Keeps the Urcoopa records refused by validation, as received, for inspection. */
@Injectable()
export class RejectedPayloadsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    kind: RejectedPayloadKind,
    rejections: PayloadRejection[],
    runId: number | null,
  ): Promise<void> {
    const now = new Date();
    const rows = rejections.map((r) => ({
      kind,
      recordKey: r.key?.slice(0, 50) ?? null,
      recordLabel: r.record.slice(0, 120),
      field: r.field.slice(0, 120),
      code: r.code,
      reason: r.message,
      rawJson: JSON.stringify(r.raw),
      runId,
      createdAt: now,
    }));
    for (let i = 0; i < rows.length; i += 100) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(RejectedPayloadEntity)
        .values(rows.slice(i, i + 100))
        .updateEntity(false)
        .execute();
    }
  }
}

/** A payload rejection as a run's record error. */
export function rejectionError(r: PayloadRejection): RecordError {
  return { record: r.record, field: r.field, code: r.code, message: r.message };
}
