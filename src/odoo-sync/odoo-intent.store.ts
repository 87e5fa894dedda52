import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { round2 } from '../common/money';
import { OdooIntentEntity } from './entities/odoo-intent.entity';
import type { OdooIntentRequest, OdooIntentSpec } from './odoo-intent.types';
import { markerFor } from './odoo-intent.types';

const CHUNK = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The sync_odoo_intent rows: recorded in batches, saved in one transaction per step. */
@Injectable()
export class OdooIntentStore {
  private readonly repo: Repository<OdooIntentEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(OdooIntentEntity);
  }

  markerOf(spec: OdooIntentSpec, request: OdooIntentRequest): string {
    return spec.marker ? spec.marker(request) : markerFor(spec.kind, request.businessKey);
  }

  /** Inserts the missing intents (pending) and returns every intent of these keys. */
  async record(spec: OdooIntentSpec, requests: OdooIntentRequest[]): Promise<Map<string, OdooIntentEntity>> {
    const now = new Date();
    for (const part of chunks(requests, CHUNK)) {
      const rows = part.map((r) => ({
        kind: spec.kind,
        businessKey: r.businessKey,
        companyId: r.companyId,
        odooModel: spec.model,
        odooId: null,
        marker: spec.markerField || spec.marker || spec.moveKey ? this.markerOf(spec, r) : null,
        status: 'pending' as const,
        attempts: 0,
        expectedUntaxed: r.expectedTotals ? round2(r.expectedTotals.untaxed) : null,
        expectedTax: r.expectedTotals ? round2(r.expectedTotals.tax) : null,
        expectedTotal: r.expectedTotals ? round2(r.expectedTotals.total) : null,
        createdAt: now,
        updatedAt: now,
      }));
      await this.repo
        .createQueryBuilder()
        .insert()
        .into(OdooIntentEntity)
        .values(rows)
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    return this.load(
      spec.kind,
      requests.map((r) => r.businessKey),
    );
  }

  async load(kind: string, businessKeys: string[]): Promise<Map<string, OdooIntentEntity>> {
    const out = new Map<string, OdooIntentEntity>();
    for (const part of chunks(businessKeys, CHUNK)) {
      for (const row of await this.repo.findBy({ kind, businessKey: In(part) }))
        out.set(row.businessKey, row);
    }
    return out;
  }

  /** Saves the rows in one transaction (all or nothing). */
  async save(rows: OdooIntentEntity[]): Promise<void> {
    if (rows.length === 0) return;
    const now = new Date();
    for (const row of rows) row.updatedAt = now;
    await this.dataSource.transaction(async (manager) => {
      for (const part of chunks(rows, CHUNK)) await manager.save(OdooIntentEntity, part);
    });
  }

  /** Every intent of a kind in these statuses (for reports and pages). */
  findByStatus(kind: string, statuses: OdooIntentEntity['status'][]): Promise<OdooIntentEntity[]> {
    return this.repo.find({ where: { kind, status: In(statuses) }, order: { id: 'ASC' } });
  }
}
