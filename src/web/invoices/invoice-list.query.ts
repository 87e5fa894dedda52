import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InvoiceLineEntity } from '../../invoices/entities/invoice-line.entity';
import { containsPattern, dayOf, decimalOf, intOf } from '../view/sql-values';
import type { InvoiceListQueryDto } from './dto/invoice-list-query.dto';

export const PAGE_SIZE = 25;

export type MemberCategory = 'member' | 'nonMember' | 'unknown';

export interface InvoiceRow {
  numero: string;
  type: string;
  date: string | null;
  codeClient: string;
  nomClient: string | null;
  category: MemberCategory;
  clientOdooLabel: string | null;
  montantHT: string;
  montantTTC: string;
  lines: number;
  validated: boolean;
  integrated: boolean;
  odooMoveId: number | null;
}

/** `CLIENT : …` member, `NON ADHERENT : …`, `INCONNU !` or not matched yet (domain.md §6). */
export function categoryOf(label: string | null, partnerId: number): MemberCategory {
  const text = (label ?? '').toUpperCase();
  if (text.startsWith('CLIENT')) return 'member';
  if (text.startsWith('NON ADHERENT')) return 'nonMember';
  return partnerId > 0 && !text.startsWith('INCONNU') ? 'member' : 'unknown';
}

/** The member invoices of the old page: bulk (VRAC) invoices of members (codes not starting with 5). */
@Injectable()
export class InvoiceListQuery {
  constructor(
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  memberScope(): SelectQueryBuilder<InvoiceLineEntity> {
    return this.lines
      .createQueryBuilder('f')
      .where('UPPER(f.Societe_Facture) = :vrac', { vrac: 'VRAC' })
      .andWhere("f.Code_Client NOT LIKE '5%'");
  }

  private filtered(filters: InvoiceListQueryDto): SelectQueryBuilder<InvoiceLineEntity> {
    const qb = this.memberScope();
    if (filters.statut === 'a_traiter') qb.andWhere('f.facture_valider = 0');
    if (filters.statut === 'validees') qb.andWhere('f.facture_valider = 1');
    if (filters.categorie === 'adherent') qb.andWhere("UPPER(f.Code_Client_ODOO) LIKE 'CLIENT%'");
    if (filters.categorie === 'non_adherent') qb.andWhere("UPPER(f.Code_Client_ODOO) LIKE 'NON ADHERENT%'");
    if (filters.categorie === 'inconnu')
      qb.andWhere(
        "(f.ID_Client_ODOO = 0 OR f.ID_Client_ODOO IS NULL OR UPPER(f.Code_Client_ODOO) LIKE 'INCONNU%')",
      );
    if (filters.mois) {
      const [year, month] = filters.mois.split('-').map(Number);
      const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
      qb.andWhere('f.Date_Facture >= :from AND f.Date_Facture < :to', {
        from: `${filters.mois}-01`,
        to: `${next}-01`,
      });
    }
    const q = filters.q?.trim();
    if (q) {
      qb.andWhere(
        "(f.Numero_Facture LIKE :q ESCAPE '!' OR f.Nom_Client LIKE :q ESCAPE '!' OR f.Code_Client LIKE :q ESCAPE '!')",
        { q: containsPattern(q) },
      );
    }
    return qb;
  }

  async list(
    filters: InvoiceListQueryDto,
  ): Promise<{ rows: InvoiceRow[]; total: number; page: number; pages: number }> {
    const totalRaw = await this.filtered(filters)
      .select('COUNT(DISTINCT f.Numero_Facture)', 'n')
      .getRawOne<{ n: unknown }>();
    const total = intOf(totalRaw?.n);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(filters.page ?? 1, pages);
    const raw = await this.filtered(filters)
      .select('f.Numero_Facture', 'invNumero')
      .addSelect('MAX(f.Type_Facture)', 'type')
      .addSelect('MAX(f.Date_Facture)', 'invDate')
      .addSelect('MAX(f.Code_Client)', 'codeClient')
      .addSelect('MAX(f.Nom_Client)', 'nomClient')
      .addSelect('MAX(f.Code_Client_ODOO)', 'clientOdoo')
      .addSelect('MAX(f.ID_Client_ODOO)', 'idClientOdoo')
      .addSelect('MAX(f.Montant_HT)', 'ht')
      .addSelect('MAX(f.Montant_TTC)', 'ttc')
      .addSelect('COUNT(*)', 'lines')
      .addSelect('MIN(f.facture_valider)', 'validated')
      .addSelect(`MIN(CASE WHEN f.Statut_Integration_Fac_inOdoo = 'intégré' THEN 1 ELSE 0 END)`, 'integrated')
      .addSelect('MAX(f.ID_Facture_ODOO)', 'moveId')
      .groupBy('f.Numero_Facture')
      .orderBy('invDate', 'DESC')
      .addOrderBy('invNumero', 'DESC')
      .offset((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE)
      .getRawMany<Record<string, unknown>>();
    const rows = raw.map((r) => ({
      numero: String(r.invNumero),
      type: String(r.type ?? ''),
      date: dayOf(r.invDate),
      codeClient: String(r.codeClient ?? ''),
      nomClient: (r.nomClient as string | null) ?? null,
      category: categoryOf((r.clientOdoo as string | null) ?? null, intOf(r.idClientOdoo)),
      clientOdooLabel: (r.clientOdoo as string | null) ?? null,
      montantHT: decimalOf(r.ht).toFixed(2),
      montantTTC: decimalOf(r.ttc).toFixed(2),
      lines: intOf(r.lines),
      validated: intOf(r.validated) === 1,
      integrated: intOf(r.integrated) === 1,
      odooMoveId: r.moveId === null || r.moveId === undefined ? null : intOf(r.moveId),
    }));
    return { rows, total, page, pages };
  }

  /** Months having member invoices, newest first, for the month filter. */
  async months(): Promise<string[]> {
    const raw = await this.memberScope()
      .select('DISTINCT f.Date_Facture', 'd')
      .orderBy('d', 'DESC')
      .limit(2000)
      .getRawMany<{ d: unknown }>();
    return [...new Set(raw.map((r) => dayOf(r.d)?.slice(0, 7)).filter((m): m is string => Boolean(m)))];
  }

  odooMoveUrl(moveId: number | null): string | null {
    if (!moveId || !this.config.odoo.url) return null;
    return `${this.config.odoo.url.replace(/\/$/, '')}/web#id=${moveId}&model=account.move`;
  }
}
