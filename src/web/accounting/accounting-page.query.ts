import { Injectable } from '@nestjs/common';
import { AccountingService } from '../../accounting/accounting.service';
import { addMonths, BusinessClock } from '../../common/reunion-time';
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
    const key = month ?? addMonths(this.clock.month(), -1);
    const [year, m] = key.split('-').map(Number);
    return { year, month: m, key };
  }

  async build(month?: string) {
    const { year, month: m, key } = this.resolve(month);
    const figures = await this.accounting.monthFigures(year, m);
    const current = this.clock.month();
    const choices = Array.from({ length: 24 }, (_, i) => addMonths(current, -i));
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
