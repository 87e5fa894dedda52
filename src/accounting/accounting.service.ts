import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { addMonths } from '../common/reunion-time';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { AccountingFigures, figuresFromSummary, sumFigures } from './accounting-figures';
import { MonthFiguresService } from './month-figures';
import { MonthExclusionEntity } from './entities/month-exclusion.entity';

/** Monthly accounting figures (domain.md §7): bulk (VRAC) invoices of clients whose code starts with 5. */
@Injectable()
export class AccountingService {
  constructor(
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
    @InjectRepository(MonthExclusionEntity) private readonly exclusions: Repository<MonthExclusionEntity>,
    private readonly figures: MonthFiguresService,
  ) {}

  async monthFigures(year: number, month: number): Promise<AccountingFigures> {
    const monthKey = `${year}-${String(month).padStart(2, '0')}`;
    const from = `${monthKey}-01`;
    const toExclusive = `${addMonths(monthKey, 1)}-01`;
    // From the monthly summary the invoice jobs keep (sync_month_figures), not from every line.
    const [rows, excluded] = await Promise.all([
      this.figures.storeRows(monthKey),
      this.exclusions.query<Array<{ Nom_Client: string }>>(
        `SELECT Nom_Client FROM ${this.exclusions.metadata.tableName} WHERE mois_facture = ? ORDER BY Nom_Client`,
        [monthKey],
      ),
    ]);
    return {
      year,
      month,
      monthKey,
      from,
      toExclusive,
      ...figuresFromSummary(rows),
      excludedClients: excluded.map((e) => e.Nom_Client),
    };
  }

  /** The same figures summed from the lines themselves (the reference the summary is checked against). */
  async monthFiguresFromLines(year: number, month: number) {
    const start = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
    const monthKey = start.toFormat('yyyy-MM');
    const rows = await this.lines
      .createQueryBuilder('f')
      .select([
        'f.Numero_Facture',
        'f.Numero_Ligne_Facture',
        'f.Type_Facture',
        'f.Code_Produit',
        'f.Montant_HT_Ligne',
        'f.Taux_TVA',
      ])
      .where('UPPER(f.Societe_Facture) = :vrac', { vrac: 'VRAC' })
      .andWhere("f.Code_Client LIKE '5%'")
      .andWhere('f.Date_Facture >= :from AND f.Date_Facture < :to', {
        from: start.toISODate(),
        to: start.plus({ months: 1 }).toISODate(),
      })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM sic_urcoopa_Exclution_mois e WHERE e.Nom_Client = f.Nom_Client AND e.mois_facture = :monthKey)',
        { monthKey },
      )
      .getMany();
    return sumFigures(rows);
  }
}
