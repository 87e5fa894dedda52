import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { JobContext, JobHandler, JobResult } from '../jobs/job.types';
import { SyncJob } from '../jobs/sync-job.decorator';
import { parseDeliveries, type UrcoopaDeliveryRecord } from '../urcoopa/urcoopa-payload';
import { DeliveryLineEntity } from './entities/delivery-line.entity';
import type { GroupedTable } from './grouped-upsert';
import { rejectionError } from './rejected-payloads.service';
import { DELIVERY_CONTENT_COLUMNS, deliveryDocument } from './urcoopa-rows';
import { UrcoopaWindowImport } from './urcoopa-window-import';

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
  rows: deliveryDocument,
};

/** Job 2 (domain.md §5): the delivery notes of the window into sic_urcoopa_livraison, exactly once. */
@SyncJob('livraisons')
@Injectable()
export class DeliveryImportService implements JobHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly windowImport: UrcoopaWindowImport,
  ) {}

  async run(context: JobContext): Promise<JobResult> {
    const {
      window,
      parsed,
      counted,
      written,
      errors: windowErrors,
    } = await this.windowImport.run(context, {
      kind: 'livraison',
      operation: 'getDeliveries',
      defaultDays: this.config.urcoopa.deliveryDays,
      parse: parseDeliveries,
      table: DELIVERY_TABLE,
      dated: { table: 'sic_urcoopa_livraison', keyColumn: 'Numero_BL', dateColumn: 'Date_BL', noun: 'BL' },
      countIf: (r) => r.Detail === null,
    });
    return {
      counts: {
        read: parsed.received,
        created: written.created.length,
        updated: written.updated.length,
        unchanged: written.unchanged,
        rejected: parsed.rejections.length + written.failures.length,
      },
      errors: [...windowErrors, ...parsed.rejections.map(rejectionError), ...written.failures],
      details: { ...window, withoutDetail: counted },
    };
  }
}
