import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Decimal } from '../../common/money';
import { addMonths, BusinessClock } from '../../common/reunion-time';
import { UnknownArticleEntity } from '../../correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../../correspondence/entities/unknown-member.entity';
import { MonthFiguresService } from '../../accounting/month-figures';
import { JobCatalogService } from '../../jobs/job-catalog.service';
import { SentOrderEntity } from '../../orders/entities/sent-order.entity';
import { formatMonth } from '../view/format';

interface MonthBucket {
  invoices: number;
  creditNotes: number;
  ht: Decimal;
  ttc: Decimal;
  orders: number;
}

const SENT_STATUSES = ['sent', 'already_received'];

/** The dashboard: job health, this month's figures, the last 12 months for the charts. */
@Injectable()
export class DashboardQuery {
  constructor(
    @InjectRepository(SentOrderEntity) private readonly orders: Repository<SentOrderEntity>,
    @InjectRepository(UnknownMemberEntity) private readonly unknownMembers: Repository<UnknownMemberEntity>,
    @InjectRepository(UnknownArticleEntity)
    private readonly unknownArticles: Repository<UnknownArticleEntity>,
    private readonly jobs: JobCatalogService,
    private readonly clock: BusinessClock,
    private readonly figures: MonthFiguresService,
  ) {}

  async build() {
    const thisMonth = this.clock.month();
    const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 11));
    const buckets = new Map<string, MonthBucket>(
      months.map((m) => [
        m,
        { invoices: 0, creditNotes: 0, ht: new Decimal(0), ttc: new Decimal(0), orders: 0 },
      ]),
    );
    // Independent reads, sent together.
    const [, , [unknowns], jobs] = await Promise.all([
      this.addInvoices(buckets, months[0], months[11]),
      // From the first instant of the first month, in the business zone.
      this.addOrders(buckets, this.clock.window(1, `${months[0]}-01`).fromUtc),
      // Both counts in one round trip.
      this.unknownMembers.query<Array<{ members: unknown; articles: unknown }>>(
        `SELECT (SELECT COUNT(*) FROM ${this.unknownMembers.metadata.tableName}) AS members,
                (SELECT COUNT(*) FROM ${this.unknownArticles.metadata.tableName}) AS articles`,
      ),
      this.jobs.describe(),
    ]);
    const current = buckets.get(months[11])!;
    const unknownMembers = Number(unknowns.members);
    const unknownArticles = Number(unknowns.articles);
    return {
      monthLabel: formatMonth(months[11]),
      month: {
        invoices: current.invoices,
        creditNotes: current.creditNotes,
        ht: current.ht.toFixed(2),
        tva: current.ttc.minus(current.ht).toFixed(2),
        ttc: current.ttc.toFixed(2),
        orders: current.orders,
        unknownMembers,
        unknownArticles,
      },
      jobs,
      chart: {
        labels: months.map(formatMonth),
        invoices: months.map((m) => buckets.get(m)!.invoices + buckets.get(m)!.creditNotes),
        amounts: months.map((m) => buckets.get(m)!.ht.toFixed(2)),
        orders: months.map((m) => buckets.get(m)!.orders),
      },
    };
  }

  /** From the monthly summary (sync_month_figures): invoices and header amounts, credit notes negative. */
  private async addInvoices(buckets: Map<string, MonthBucket>, from: string, to: string): Promise<void> {
    for (const total of await this.figures.monthTotals(from, to)) {
      const bucket = buckets.get(total.month);
      if (!bucket) continue;
      const credit = total.typeFacture.toUpperCase() === 'A';
      if (credit) bucket.creditNotes += total.invoices;
      else bucket.invoices += total.invoices;
      const sign = credit ? -1 : 1;
      bucket.ht = bucket.ht.plus(total.headHt.times(sign));
      bucket.ttc = bucket.ttc.plus(total.headTtc.times(sign));
    }
  }

  private async addOrders(buckets: Map<string, MonthBucket>, from: string): Promise<void> {
    const rows = await this.orders.query<Array<{ sentAt: unknown }>>(
      `SELECT date_envoi_commande AS sentAt FROM ${this.orders.metadata.tableName}
       WHERE date_envoi_commande >= ? AND status IN (${SENT_STATUSES.map(() => '?').join(', ')})`,
      [from, ...SENT_STATUSES],
    );
    for (const r of rows) {
      const sentAt = r.sentAt instanceof Date ? r.sentAt : new Date(`${String(r.sentAt).replace(' ', 'T')}Z`);
      const bucket = buckets.get(this.monthOf(sentAt));
      if (bucket) bucket.orders += 1;
    }
  }

  /** One formatter for every order (making one is far dearer than using it). */
  private monthFormat?: Intl.DateTimeFormat;

  private monthOf(date: Date): string {
    this.monthFormat ??= new Intl.DateTimeFormat('en-CA', {
      timeZone: this.clock.zone,
      year: 'numeric',
      month: '2-digit',
    });
    return this.monthFormat.format(date).slice(0, 7);
  }
}
