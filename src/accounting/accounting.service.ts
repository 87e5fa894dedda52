import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { Repository } from 'typeorm';
import { InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';
import { AccountingFigures, sumFigures } from './accounting-figures';
import { MonthExclusionEntity } from './entities/month-exclusion.entity';

/** Monthly accounting figures (domain.md §7): bulk (VRAC) invoices of clients whose code starts with 5. */
@Injectable()
export class AccountingService {
  constructor(
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
    @InjectRepository(MonthExclusionEntity) private readonly exclusions: Repository<MonthExclusionEntity>,
  ) {}

  async monthFigures(year: number, month: number): Promise<AccountingFigures> {
    const start = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
    const from = start.toISODate()!;
    const toExclusive = start.plus({ months: 1 }).toISODate()!;
    const monthKey = start.toFormat('yyyy-MM');
    // Lines are summed in code with Decimal: SQLite would sum DECIMAL columns as floats.
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
      .andWhere('f.Date_Facture >= :from AND f.Date_Facture < :to', { from, to: toExclusive })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM sic_urcoopa_Exclution_mois e WHERE e.Nom_Client = f.Nom_Client AND e.mois_facture = :monthKey)',
        { monthKey },
      )
      .getMany();
    const excluded = await this.exclusions.find({
      where: { mois_facture: monthKey },
      order: { Nom_Client: 'ASC' },
    });
    return {
      year,
      month,
      monthKey,
      from,
      toExclusive,
      ...sumFigures(rows),
      excludedClients: excluded.map((e) => e.Nom_Client),
    };
  }
}
