import { Injectable } from '@nestjs/common';
import { AccountingService } from '../../accounting/accounting.service';
import { BusinessClock } from '../../common/reunion-time';
import { formatMonth } from '../view/format';
import { csvAmount, toCsv } from '../../common/csv';

/** The accounting page: a month's figures (default: the previous month, the one being closed). */
@Injectable()
export class AccountingPageQuery {
  constructor(
    private readonly accounting: AccountingService,
    private readonly clock: BusinessClock,
  ) {}

  private resolve(month?: string): { year: number; month: number; key: string } {
    const now = this.clock.now();
    const key = month ?? monthKeyOf(now.year, now.month - 1);
    const [year, m] = key.split('-').map(Number);
    return { year, month: m, key };
  }

  async build(month?: string) {
    const { year, month: m, key } = this.resolve(month);
    const figures = await this.accounting.monthFigures(year, m);
    const now = this.clock.now();
    const choices = Array.from({ length: 24 }, (_, i) => monthKeyOf(now.year, now.month - i));
    if (!choices.includes(key)) choices.unshift(key);
    return {
      figures,
      monthKey: key,
      monthLabel: formatMonth(key),
      months: choices.map((value) => ({ value, label: formatMonth(value), selected: value === key })),
    };
  }

  async csv(month?: string): Promise<{ filename: string; body: string }> {
    const { year, month: m, key } = this.resolve(month);
    const f = await this.accounting.monthFigures(year, m);
    const rows = f.journal.map((j) => [key, j.account, j.label, csvAmount(j.debit), csvAmount(j.credit)]);
    return {
      filename: `comptabilite-urcoopa-${key}.csv`,
      body: toCsv([['Mois', 'Compte', 'Libellé', 'Débit', 'Crédit'], ...rows], { delimiter: ';' }),
    };
  }
}

/** 'YYYY-MM' of a month counted from January of `year` (0 or less: the years before). */
function monthKeyOf(year: number, month: number): string {
  const index = year * 12 + month - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
