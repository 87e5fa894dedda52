import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Decimal } from '../../common/money';
import { BusinessClock } from '../../common/reunion-time';
import { UnknownArticleEntity } from '../../correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../../correspondence/entities/unknown-member.entity';
import { InvoiceLineEntity } from '../../invoices/entities/invoice-line.entity';
import { JobCatalogService } from '../../jobs/job-catalog.service';
import { SentOrderEntity } from '../../orders/entities/sent-order.entity';
import { formatMonth } from '../view/format';
import { dayOf, decimalOf } from '../view/sql-values';

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
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
    @InjectRepository(SentOrderEntity) private readonly orders: Repository<SentOrderEntity>,
    @InjectRepository(UnknownMemberEntity) private readonly unknownMembers: Repository<UnknownMemberEntity>,
    @InjectRepository(UnknownArticleEntity)
    private readonly unknownArticles: Repository<UnknownArticleEntity>,
    private readonly jobs: JobCatalogService,
    private readonly clock: BusinessClock,
  ) {}

  async build() {
    const now = this.clock.now();
    const months = Array.from({ length: 12 }, (_, i) => now.minus({ months: 11 - i }).toFormat('yyyy-MM'));
    const buckets = new Map<string, MonthBucket>(
      months.map((m) => [
        m,
        { invoices: 0, creditNotes: 0, ht: new Decimal(0), ttc: new Decimal(0), orders: 0 },
      ]),
    );
    await this.addInvoices(buckets, `${months[0]}-01`);
    await this.addOrders(
      buckets,
      BusinessClock.toOdooDatetime(now.startOf('month').minus({ months: 11 }).toJSDate()),
    );
    const current = buckets.get(months[11])!;
    const [unknownMembers, unknownArticles, jobs] = await Promise.all([
      this.unknownMembers.count(),
      this.unknownArticles.count(),
      this.jobs.describe(),
    ]);
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

  /** One row per invoice (headers repeat on every line); amounts summed with Decimal, credit notes negative. */
  private async addInvoices(buckets: Map<string, MonthBucket>, from: string): Promise<void> {
    const raw = await this.lines
      .createQueryBuilder('f')
      .select('f.Numero_Facture', 'numero')
      .addSelect('MAX(f.Type_Facture)', 'type')
      .addSelect('MAX(f.Date_Facture)', 'invDate')
      .addSelect('MAX(f.Montant_HT)', 'ht')
      .addSelect('MAX(f.Montant_TTC)', 'ttc')
      .where('f.Date_Facture >= :from', { from })
      .groupBy('f.Numero_Facture')
      .getRawMany<Record<string, unknown>>();
    for (const r of raw) {
      const bucket = buckets.get(dayOf(r.invDate)?.slice(0, 7) ?? '');
      if (!bucket) continue;
      const credit = String(r.type).toUpperCase() === 'A';
      if (credit) bucket.creditNotes += 1;
      else bucket.invoices += 1;
      const sign = credit ? -1 : 1;
      bucket.ht = bucket.ht.plus(decimalOf(r.ht).times(sign));
      bucket.ttc = bucket.ttc.plus(decimalOf(r.ttc).times(sign));
    }
  }

  private async addOrders(buckets: Map<string, MonthBucket>, from: string): Promise<void> {
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.date_envoi_commande', 'sentAt')
      .where('o.date_envoi_commande >= :from', { from })
      .andWhere('o.status IN (:...statuses)', { statuses: SENT_STATUSES })
      .getRawMany<{ sentAt: unknown }>();
    for (const r of rows) {
      const sentAt = r.sentAt instanceof Date ? r.sentAt : new Date(`${String(r.sentAt).replace(' ', 'T')}Z`);
      const bucket = buckets.get(this.monthOf(sentAt));
      if (bucket) bucket.orders += 1;
    }
  }

  private monthOf(date: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.clock.zone, year: 'numeric', month: '2-digit' })
      .format(date)
      .slice(0, 7);
  }
}
