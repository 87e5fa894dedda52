import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dec } from '../common/money';
import { OdooClient } from '../odoo/odoo.client';
import { OdooError, OdooErrorCode } from '../odoo/odoo.error';
import type { Domain } from '../odoo/odoo.types';
import type { OdooIntentEntity } from './entities/odoo-intent.entity';
import { OdooIntentStore } from './odoo-intent.store';
import type {
  OdooIntentOutcome,
  OdooIntentRequest,
  OdooIntentResult,
  OdooIntentSpec,
  OdooTotals,
} from './odoo-intent.types';
import { compareTotals, isAmbiguous, sameValue } from './odoo-intent.util';
import { beforeRunWrite } from '../jobs/run-guard';
import { findMovesByKey } from './odoo-intent.search';

const DEFAULT_BATCH = 50;
const TOTAL_FIELDS = ['amount_untaxed', 'amount_tax', 'amount_total'];

interface Work {
  request: OdooIntentRequest;
  row: OdooIntentEntity;
  outcome: OdooIntentOutcome;
}

/**
 * The one exactly-once mechanism towards Odoo: record the intents → find records made by earlier
 * attempts (our marker) and adopt them → create the rest in batches → store the ids → read back
 * totals → optionally confirm (post). A create without a definite answer (timeout, dropped
 * connection, proxy page) may have been committed: it is never re-sent blindly, the next attempt
 * searches first. Callers must not run the same kind concurrently (the job lock sees to it).
 */
@Injectable()
export class OdooIntentService {
  private readonly logger = new Logger(OdooIntentService.name);

  /**
   * After a create without a definite answer, Odoo may still be working on it: a search too soon
   * finds nothing. No new create for that record until this much time has passed.
   */
  private readonly settleMs: number;

  constructor(
    private readonly odoo: OdooClient,
    private readonly store: OdooIntentStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settleMs = 2 * config.odoo.timeoutMs;
  }

  /** Makes each request exist exactly once in Odoo; one outcome per request, in request order. */
  async ensure(
    spec: OdooIntentSpec,
    requests: OdooIntentRequest[],
    signal?: AbortSignal,
  ): Promise<OdooIntentOutcome[]> {
    assertDistinct(requests);
    if (requests.length === 0) return [];
    await beforeRunWrite();
    const rows = await this.store.record(spec, requests);
    const work: Work[] = requests.map((request) => {
      const row = rows.get(request.businessKey)!;
      return {
        request,
        row,
        outcome: outcomeOf(spec, row, row.status === 'created' ? 'existing' : 'pending'),
      };
    });
    const todo = work.filter((w) => w.row.status === 'pending' || w.row.status === 'failed');
    for (const w of work.filter((x) => x.row.status === 'conflict')) w.outcome.result = 'conflict';
    const fresh: Work[] = [];
    for (const batch of chunk(todo, spec.batchSize ?? DEFAULT_BATCH)) {
      if (signal?.aborted) break;
      await beforeRunWrite();
      refreshRows(spec, batch);
      const remaining = await this.adopt(spec, batch);
      fresh.push(...batch.filter((w) => w.outcome.result === 'adopted'));
      const settling = remaining.filter((w) => this.settling(w.row));
      for (const w of settling) {
        w.outcome.result = 'pending';
        w.outcome.error = `Odoo n'a pas répondu à la création du ${w.row.lastAttemptAt!.toISOString()} (UTC) et ne la montre pas encore : nouvel essai après ${new Date(w.row.lastAttemptAt!.getTime() + this.settleMs).toISOString()}`;
      }
      for (const group of groupByCompany(remaining.filter((w) => !settling.includes(w)))) {
        await this.createBatch(spec, group);
        fresh.push(...group.filter((w) => w.outcome.result === 'created' || w.outcome.result === 'adopted'));
      }
    }
    const toFinish = work.filter(
      (w) =>
        w.row.status === 'created' &&
        (fresh.includes(w) ||
          (spec.checkTotals && w.row.totalsOk === null && w.request.expectedTotals) ||
          (spec.confirmMethod && w.row.odooState === 'draft' && w.row.postWanted === 1)),
    );
    for (const batch of chunk(toFinish, spec.batchSize ?? DEFAULT_BATCH)) {
      await beforeRunWrite();
      await this.finish(spec, batch);
    }
    return work.map((w) => {
      const base = outcomeOf(spec, w.row, w.outcome.result);
      return {
        ...base,
        error: w.outcome.error ?? base.error,
        errorCode: w.outcome.errorCode ?? base.errorCode,
        issues: w.outcome.issues,
        totals: w.outcome.totals,
      };
    });
  }

  /** The recorded intents of some keys (pages, reports). */
  find(kind: string, businessKeys: string[]): Promise<Map<string, OdooIntentEntity>> {
    return this.store.load(kind, businessKeys);
  }

  private settling(row: OdooIntentEntity): boolean {
    return (
      row.status === 'pending' &&
      row.attempts > 0 &&
      row.lastAttemptAt !== null &&
      Date.now() - row.lastAttemptAt.getTime() < this.settleMs
    );
  }

  /** Searches Odoo for records of earlier attempts; adopts single matches, flags conflicts. Returns the rest. */
  private async adopt(spec: OdooIntentSpec, batch: Work[]): Promise<Work[]> {
    const found = await this.findExisting(spec, batch);
    const rest: Work[] = [];
    const changed: OdooIntentEntity[] = [];
    for (const w of batch) {
      const all = found.get(w.request.businessKey) ?? [];
      // A move cancelled in Odoo is not done: it stays a conflict until staff create it again
      // (the intent is then pending with odooState 'cancel', and cancelled moves are passed over).
      const live = all.filter((c) => c.state !== 'cancel');
      const recreating = w.row.odooState === 'cancel';
      const candidates = live.length > 0 || recreating ? live : all;
      if (candidates.length === 0) {
        rest.push(w);
        continue;
      }
      changed.push(w.row);
      if (live.length === 0) {
        cancelledInOdoo(spec, w, candidates);
        continue;
      }
      const viaMarker = (c: Record<string, unknown>) => !spec.moveKey || c.viaMarker === true;
      const mismatch =
        candidates.length === 1 && viaMarker(candidates[0])
          ? this.mismatch(spec, w.request, candidates[0])
          : null;
      if (candidates.length === 1 && mismatch === null) {
        w.row.status = 'created';
        w.row.odooId = candidates[0].id;
        w.row.odooState = typeof candidates[0].state === 'string' ? candidates[0].state : null;
        w.row.lastError = null;
        w.outcome.result = 'adopted';
      } else {
        w.row.status = 'conflict';
        w.row.lastError =
          candidates.length > 1
            ? `${candidates.length} ${spec.model} records carry the ${spec.moveKey ? 'key (company, type, partner, ref) or the marker' : 'marker'} '${w.row.marker ?? w.request.businessKey}' (ids ${candidates.map((c) => c.id).join(', ')}): nothing created, please keep one`
            : `${spec.model} ${candidates[0].id} carries our marker but its ${mismatch}: nothing created, please check it`;
        w.outcome.result = 'conflict';
      }
    }
    await this.store.save(changed);
    return rest;
  }

  private async findExisting(
    spec: OdooIntentSpec,
    batch: Work[],
  ): Promise<Map<string, Array<Record<string, unknown> & { id: number }>>> {
    const out = new Map<string, Array<Record<string, unknown> & { id: number }>>();
    if (spec.moveKey)
      return findMovesByKey(
        this.odoo,
        batch.map((w) => ({ request: w.request, marker: w.row.marker })),
      );
    if (spec.findExisting) {
      const ids = await spec.findExisting(batch.map((w) => w.request));
      for (const [key, list] of ids)
        out.set(
          key,
          list.map((id) => ({ id })),
        );
      return out;
    }
    if (!spec.markerField) throw new Error(`OdooIntentSpec '${spec.kind}' needs markerField or findExisting`);
    const byMarker = new Map(batch.map((w) => [w.row.marker!, w.request.businessKey]));
    const fields = [
      spec.markerField,
      ...(spec.matchFields ?? []),
      ...(spec.confirmMethod || spec.model === 'account.move' ? ['state'] : []),
    ];
    const domain: Domain = [[spec.markerField, 'in', [...byMarker.keys()]]];
    // No company context: Odoo then searches every company of the API user, and one company the
    // user lacks cannot fail the search of the whole batch (its create fails, alone).
    const records = await this.odoo.searchRead<Record<string, unknown> & { id: number }>(spec.model, domain, [
      ...new Set(fields),
    ]);
    for (const record of records) {
      const key = byMarker.get(String(record[spec.markerField]));
      if (key !== undefined) out.set(key, [...(out.get(key) ?? []), record]);
    }
    return out;
  }

  private mismatch(
    spec: OdooIntentSpec,
    request: OdooIntentRequest,
    record: Record<string, unknown>,
  ): string | null {
    for (const field of spec.matchFields ?? []) {
      if (!(field in record)) continue;
      const wanted =
        field === 'company_id' && request.values[field] === undefined
          ? request.companyId
          : request.values[field];
      if (wanted !== undefined && !sameValue(wanted, record[field])) {
        return `${field} is ${JSON.stringify(record[field])}, not ${JSON.stringify(wanted)}`;
      }
    }
    return null;
  }

  /** Creates one company's batch; a definite refusal of a batch is retried record by record to name the culprit. */
  private async createBatch(spec: OdooIntentSpec, group: Work[]): Promise<void> {
    const now = new Date();
    for (const w of group) {
      w.row.attempts += 1;
      w.row.lastAttemptAt = now;
      w.row.status = 'pending';
      // Sent while posting is on: this one may be posted (a draft made before never is).
      if (spec.confirmMethod) w.row.postWanted = 1;
    }
    await this.store.save(group.map((w) => w.row)); // before sending: a crash now is seen as "maybe sent"
    const companyId = group[0].request.companyId;
    // One create call per batch (Odoo commits it whole or not at all): a batch split by the client's
    // own chunking could be half committed, and the record-by-record retry below would duplicate it.
    const opts = { companyIds: companyId === null ? undefined : [companyId], chunkSize: group.length };
    try {
      const ids = spec.createOne
        ? [await spec.createOne(group[0].request)]
        : await this.odoo.createMany(
            spec.model,
            group.map((w) => this.valuesOf(spec, w)),
            opts,
          );
      if (ids.length !== group.length)
        throw new Error(`create answered ${ids.length} ids for ${group.length} records`);
      group.forEach((w, i) => {
        w.row.status = 'created';
        w.row.odooId = ids[i];
        w.row.odooState = spec.model === 'account.move' ? 'draft' : null;
        w.row.lastError = null;
        w.outcome.result = 'created';
      });
      await this.store.save(group.map((w) => w.row));
    } catch (error) {
      if (isAmbiguous(error)) {
        const message = `no definite answer from Odoo (${describe(error)}): the record may exist; the next attempt searches before creating`;
        for (const w of group) fail(w, 'pending', message, codeOf(error));
        await this.store.save(group.map((w) => w.row));
        await this.adopt(spec, group).catch((e: unknown) =>
          this.logger.warn(`search after a lost answer failed: ${describe(e)}`),
        );
        return;
      }
      if (group.length > 1 && !spec.createOne) {
        for (const w of group) await this.createBatch(spec, [w]);
        return;
      }
      for (const w of group) fail(w, 'failed', describe(error), codeOf(error));
      await this.store.save(group.map((w) => w.row));
    }
  }

  private valuesOf(spec: OdooIntentSpec, w: Work): Record<string, unknown> {
    return spec.markerField ? { ...w.request.values, [spec.markerField]: w.row.marker } : w.request.values;
  }

  /** One batched read (state + totals), then the confirm method on drafts. */
  private async finish(spec: OdooIntentSpec, batch: Work[]): Promise<void> {
    const byId = new Map(batch.map((w) => [w.row.odooId!, w]));
    const fields = ['state', ...(spec.checkTotals ? TOTAL_FIELDS : [])];
    const opts = {}; // every company of the API user (see findExisting)
    try {
      const records = await this.odoo.read<Record<string, unknown> & { id: number }>(
        spec.model,
        [...byId.keys()],
        fields,
        opts,
      );
      for (const record of records) {
        const w = byId.get(record.id);
        if (!w) continue;
        w.row.odooState = typeof record.state === 'string' ? record.state : w.row.odooState;
        if (spec.checkTotals && w.request.expectedTotals)
          this.checkTotals(spec, w, w.request.expectedTotals, record);
      }
      if (spec.confirmMethod)
        await this.confirm(
          spec,
          batch.filter((w) => w.row.odooState === 'draft' && w.row.postWanted === 1),
          opts,
        );
    } catch (error) {
      for (const w of batch) w.outcome.issues.push(`read-back/confirm failed: ${describe(error)}`);
    }
    await this.store.save(batch.map((w) => w.row));
  }

  private checkTotals(
    spec: OdooIntentSpec,
    w: Work,
    expected: OdooTotals,
    record: Record<string, unknown>,
  ): void {
    const odoo: OdooTotals = {
      untaxed: dec(String(record.amount_untaxed ?? 0)),
      tax: dec(String(record.amount_tax ?? 0)),
      total: dec(String(record.amount_total ?? 0)),
    };
    const difference = compareTotals(expected, odoo);
    w.row.odooUntaxed = odoo.untaxed;
    w.row.odooTax = odoo.tax;
    w.row.odooTotal = odoo.total;
    w.row.totalsOk = difference ? 0 : 1;
    w.outcome.totals = { expected, odoo, ok: !difference };
    if (difference) {
      const message = `${spec.model} ${w.row.odooId}: Odoo totals differ from ours: ${difference}`;
      w.row.lastError = message;
      w.outcome.issues.push(message);
      w.outcome.errorCode = 'TOTALS_MISMATCH';
    }
  }

  private async confirm(
    spec: OdooIntentSpec,
    drafts: Work[],
    opts: { companyIds?: number[] },
  ): Promise<void> {
    if (drafts.length === 0) return;
    try {
      await this.odoo.call(
        spec.model,
        spec.confirmMethod!,
        drafts.map((w) => w.row.odooId!),
        {},
        opts,
      );
      for (const w of drafts) w.row.odooState = spec.model === 'account.move' ? 'posted' : 'confirmed';
    } catch (error) {
      if (OdooError.is(error, OdooErrorCode.NoneResult)) return;
      if (drafts.length > 1 && !isAmbiguous(error)) {
        for (const w of drafts) await this.confirm(spec, [w], opts);
        return;
      }
      for (const w of drafts) {
        const message = `${spec.model} ${w.row.odooId} created but ${spec.confirmMethod} failed: ${describe(error)}`;
        w.row.lastError = message;
        w.outcome.issues.push(message);
        w.outcome.errorCode = 'CONFIRM_FAILED';
      }
    }
  }
}

function outcomeOf(spec: OdooIntentSpec, row: OdooIntentEntity, result: OdooIntentResult): OdooIntentOutcome {
  return {
    kind: spec.kind,
    businessKey: row.businessKey,
    result,
    status: row.status,
    odooId: row.odooId,
    odooState: row.odooState,
    error: row.status === 'created' ? null : row.lastError,
    errorCode:
      row.status === 'conflict' ? (row.odooState === 'cancel' ? CANCELLED_IN_ODOO : 'CONFLICT') : null,
    issues: [],
  };
}

/** Code of an intent whose only move in Odoo is cancelled (staff create it again, or leave it). */
export const CANCELLED_IN_ODOO = 'CANCELLED_IN_ODOO';

function cancelledInOdoo(spec: OdooIntentSpec, w: Work, cancelled: Array<{ id: number }>): void {
  w.row.status = 'conflict';
  w.row.odooId = cancelled[0].id;
  w.row.odooState = 'cancel';
  w.row.lastError = `${spec.model} ${cancelled.map((c) => c.id).join(', ')} (réf. ${String(w.request.values.ref ?? w.request.businessKey)}) est annulé dans Odoo : rien n'a été recréé. Créez-le à nouveau depuis la page de la facture, ou laissez-le annulé.`;
  w.outcome.result = 'conflict';
  w.outcome.errorCode = CANCELLED_IN_ODOO;
}

function fail(w: Work, status: 'pending' | 'failed', message: string, code: string): void {
  w.row.status = status;
  w.row.lastError = message;
  w.outcome.result = status;
  w.outcome.error = message;
  w.outcome.errorCode = code;
}

function refreshRows(spec: OdooIntentSpec, batch: Work[]): void {
  for (const w of batch) {
    const t = w.request.expectedTotals;
    w.row.companyId = w.request.companyId;
    w.row.expectedUntaxed = t ? t.untaxed : null;
    w.row.expectedTax = t ? t.tax : null;
    w.row.expectedTotal = t ? t.total : null;
    w.row.odooModel = spec.model;
  }
}

function groupByCompany(items: Work[]): Work[][] {
  const groups = new Map<number | null, Work[]>();
  for (const w of items) groups.set(w.request.companyId, [...(groups.get(w.request.companyId) ?? []), w]);
  return [...groups.values()];
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function assertDistinct(requests: OdooIntentRequest[]): void {
  const seen = new Set<string>();
  for (const r of requests) {
    if (seen.has(r.businessKey))
      throw new Error(`OdooIntentService: business key '${r.businessKey}' given twice`);
    seen.add(r.businessKey);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string {
  return error instanceof OdooError ? error.code : 'UNEXPECTED';
}
