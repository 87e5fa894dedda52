import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ARTICLE_STATUS,
  INTEGRATION_STATUS,
  InvoiceLineEntity,
} from '../invoices/entities/invoice-line.entity';
import { CorrespondenceError, CorrespondenceErrorCode } from './correspondence.error';
import { toCsv } from '../common/csv';
import { UnknownArticleEntity } from './entities/unknown-article.entity';
import { UnknownMemberEntity } from './entities/unknown-member.entity';

export type UnknownsExportType = 'clients' | 'articles' | 'all';
export const EXPORT_TYPES: UnknownsExportType[] = ['clients', 'articles', 'all'];

export interface UnknownMemberView {
  nom: string;
  codeClient: string | null;
  firstSeenAt: Date | null;
  factures: string[];
}

export interface UnknownArticleView {
  code: string;
  libelle: string | null;
  firstSeenAt: Date | null;
  factures: string[];
}

export interface UnknownStoreView {
  codeClient: string;
  nom: string | null;
  factures: string[];
}

export interface UnknownsView {
  counts: { adherents: number; articles: number; magasins: number };
  adherents: UnknownMemberView[];
  articles: UnknownArticleView[];
  magasins: UnknownStoreView[];
}

/** The key of an unknown article: its Urcoopa code, or the label of a line without code (line 900). */
export const articleKey = (line: Pick<InvoiceLineEntity, 'Code_Produit' | 'Libelle_Produit'>) =>
  (line.Code_Produit ?? '').trim() || (line.Libelle_Produit ?? '').trim();

/** The "inconnus": members and articles no Odoo record matches (listed once each), and unknown stores. */
@Injectable()
export class UnknownsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records unmatched articles (distinct; existing entries kept as they are). */
  async recordArticles(lines: InvoiceLineEntity[]): Promise<void> {
    const rows = new Map<string, Partial<UnknownArticleEntity>>();
    for (const line of lines) {
      const key = articleKey(line);
      if (key && !rows.has(key))
        rows.set(key, {
          Numero_Article_Urcoopa: key.slice(0, 100),
          Libelle_Produit: line.Libelle_Produit,
          first_seen_at: new Date(),
        });
    }
    await this.insertIgnore(UnknownArticleEntity, [...rows.values()]);
  }

  /** Records unmatched members (distinct by Urcoopa name). */
  async recordMembers(lines: InvoiceLineEntity[]): Promise<void> {
    const rows = new Map<string, Partial<UnknownMemberEntity>>();
    for (const line of lines) {
      const name = (line.Nom_Client ?? '').trim();
      if (name && !rows.has(name))
        rows.set(name, {
          Nom_Adherent_Urcoopa: name.slice(0, 255),
          Code_Client: line.Code_Client,
          first_seen_at: new Date(),
        });
    }
    await this.insertIgnore(UnknownMemberEntity, [...rows.values()]);
  }

  /** Removes entries that are matched now. */
  async forget(kind: 'member' | 'article', keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (kind === 'member')
      await this.dataSource
        .getRepository(UnknownMemberEntity)
        .delete(keys.map((k) => ({ Nom_Adherent_Urcoopa: k })));
    else
      await this.dataSource
        .getRepository(UnknownArticleEntity)
        .delete(keys.map((k) => ({ Numero_Article_Urcoopa: k })));
  }

  async list(): Promise<UnknownsView> {
    const [members, articles, pending] = await Promise.all([
      this.dataSource.getRepository(UnknownMemberEntity).find({ order: { Nom_Adherent_Urcoopa: 'ASC' } }),
      this.dataSource.getRepository(UnknownArticleEntity).find({ order: { Numero_Article_Urcoopa: 'ASC' } }),
      this.dataSource
        .getRepository(InvoiceLineEntity)
        .createQueryBuilder('f')
        .select([
          'f.Numero_Facture',
          'f.Nom_Client',
          'f.Code_Client',
          'f.Type_Client',
          'f.Code_Produit',
          'f.Libelle_Produit',
          'f.ID_Client_ODOO',
          'f.ID_Produit_ODOO',
          'f.Societe_Facture_ODOO',
        ])
        .where('f.Statut_Integration_Fac_inOdoo = :p', { p: INTEGRATION_STATUS.pending })
        .getMany(),
    ]);
    const invoicesOf = (match: (l: InvoiceLineEntity) => boolean) =>
      [...new Set(pending.filter(match).map((l) => l.Numero_Facture))].sort();
    const stores = new Map<string, UnknownStoreView>();
    for (const line of pending.filter(
      (l) => /^MAG\./i.test(l.Type_Client ?? '') && !l.Societe_Facture_ODOO,
    )) {
      const store = stores.get(line.Code_Client) ?? {
        codeClient: line.Code_Client,
        nom: line.Nom_Client,
        factures: [],
      };
      if (!store.factures.includes(line.Numero_Facture)) store.factures.push(line.Numero_Facture);
      stores.set(line.Code_Client, store);
    }
    const view: UnknownsView = {
      counts: { adherents: members.length, articles: articles.length, magasins: stores.size },
      adherents: members.map((m) => ({
        nom: m.Nom_Adherent_Urcoopa,
        codeClient: m.Code_Client,
        firstSeenAt: m.first_seen_at,
        factures: invoicesOf(
          (l) => !l.ID_Client_ODOO && (l.Nom_Client ?? '').trim() === m.Nom_Adherent_Urcoopa,
        ),
      })),
      articles: articles.map((a) => ({
        code: a.Numero_Article_Urcoopa,
        libelle: a.Libelle_Produit,
        firstSeenAt: a.first_seen_at,
        factures: invoicesOf((l) => !l.ID_Produit_ODOO && articleKey(l) === a.Numero_Article_Urcoopa),
      })),
      magasins: [...stores.values()],
    };
    return view;
  }

  /** CSV (UTF-8 with BOM for Excel, comma-separated, header row) of one list. */
  async exportCsv(type: string): Promise<{ filename: string; content: string }> {
    if (!EXPORT_TYPES.includes(type as UnknownsExportType)) {
      throw CorrespondenceError.badRequest(
        CorrespondenceErrorCode.UnknownExportType,
        `Type d'export inconnu '${type}' : clients, articles ou all attendu`,
        { allowed: EXPORT_TYPES },
      );
    }
    const view = await this.list();
    const members = view.adherents.map((m) => [
      'adherent',
      m.codeClient ?? '',
      m.nom,
      String(m.factures.length),
      m.factures.join(' '),
    ]);
    const articles = view.articles.map((a) => [
      'article',
      a.code,
      a.libelle ?? '',
      String(a.factures.length),
      a.factures.join(' '),
    ]);
    let rows: string[][];
    if (type === 'clients')
      rows = [
        ['Nom_Adherent_Urcoopa', 'Code_Client', 'Nombre_Factures', 'Factures'],
        ...members.map((r) => [r[2], r[1], r[3], r[4]]),
      ];
    else if (type === 'articles')
      rows = [
        ['Numero_Article_Urcoopa', 'Libelle_Produit', 'Nombre_Factures', 'Factures'],
        ...articles.map((r) => [r[1], r[2], r[3], r[4]]),
      ];
    else rows = [['Type', 'Code', 'Nom_ou_Libelle', 'Nombre_Factures', 'Factures'], ...members, ...articles];
    return { filename: `inconnus_${type}.csv`, content: toCsv(rows) };
  }

  /** Correspondence statuses back to 'à traiter', unknown tables emptied (the previous tool's reset). */
  async reset(): Promise<{
    lignesRemisesATraiter: number;
    adherentsSupprimes: number;
    articlesSupprimes: number;
  }> {
    return this.dataSource.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(InvoiceLineEntity)
        .set({
          Statut_Correspondance_Adherent: ARTICLE_STATUS.pending,
          Statut_Correspondance_Article: ARTICLE_STATUS.pending,
        })
        .execute();
      const members = await manager.createQueryBuilder().delete().from(UnknownMemberEntity).execute();
      const articles = await manager.createQueryBuilder().delete().from(UnknownArticleEntity).execute();
      return {
        lignesRemisesATraiter: updated.affected ?? 0,
        adherentsSupprimes: members.affected ?? 0,
        articlesSupprimes: articles.affected ?? 0,
      };
    });
  }

  private async insertIgnore(
    entity: typeof UnknownArticleEntity | typeof UnknownMemberEntity,
    rows: object[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(i, i + 500))
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }
}
