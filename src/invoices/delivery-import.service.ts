import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessClock } from '../common/reunion-time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { retryTransient } from '../jobs/retry';
import { SyncJob } from '../jobs/sync-job.decorator';
import { UrcoopaCallKeys } from '../urcoopa/urcoopa-call-keys';
import { parseDeliveries, type UrcoopaDeliveryRecord } from '../urcoopa/urcoopa-payload';
import { UrcoopaClient } from '../urcoopa/urcoopa.client';
import { DeliveryLineEntity } from './entities/delivery-line.entity';
import { GroupedTable, GroupedUpsert } from './grouped-upsert';
import { importWindow } from './import-window';
import { RejectedPayloadsService, rejectionError } from './rejected-payloads.service';
import { DELIVERY_CONTENT_COLUMNS, deliveryRows } from './urcoopa-rows';

/** sic_urcoopa_livraison as grouped documents: one delivery note = its lines (or line 0). */
export const DELIVERY_TABLE: GroupedTable<UrcoopaDeliveryRecord> = {
  entity: DeliveryLineEntity,
  table: 'sic_urcoopa_livraison',
  groupColumn: 'Numero_BL',
  lineColumn: 'Numero_Ligne_BL',
  updateColumns: DELIVERY_CONTENT_COLUMNS,
  key: (r) => r.Numero_BL,
  label: (r) => `BL ${r.Numero_BL}`,
  hash: (r) => r.contentHash,
  rows: deliveryRows,
};

/** Job 2 (domain.md §5): the delivery notes of the window into sic_urcoopa_livraison, exactly once. */
@SyncJob('livraisons')
@Injectable()
export class DeliveryImportService implements JobHandler {
  private readonly writer: GroupedUpsert<UrcoopaDeliveryRecord>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly urcoopa: UrcoopaClient,
    private readonly keys: UrcoopaCallKeys,
    private readonly rejected: RejectedPayloadsService,
  ) {
    this.writer = new GroupedUpsert(dataSource, DELIVERY_TABLE);
  }

  async run(context: JobContext): Promise<JobResult> {
    const { urcoopa } = this.config;
    const window = importWindow(context.params, urcoopa.deliveryDays, urcoopa.fixedReferenceDay, this.clock);
    const apiKey = this.keys.take(context.params.keyRef);
    const text = await retryTransient(
      () => this.urcoopa.getDeliveries(window.nbJours, window.dateReference, { apiKey }),
      { signal: context.signal },
    );
    const parsed = parseDeliveries(text);
    const total = parsed.records.length;
    context.progress(0, total);
    await this.rejected.record('livraison', parsed.rejections, context.runId);
    const written = await this.writer.write(
      parsed.records,
      (done) => context.progress(done, total),
      context.signal,
    );
    return {
      counts: {
        read: parsed.received,
        created: written.created.length,
        updated: written.updated.length,
        unchanged: written.unchanged,
        rejected: parsed.rejections.length + written.failures.length,
      },
      errors: [...parsed.rejections.map(rejectionError), ...written.failures],
      details: { ...window, withoutDetail: parsed.records.filter((r) => r.Detail === null).length },
    };
  }
}
