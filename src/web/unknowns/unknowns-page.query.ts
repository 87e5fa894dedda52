import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { UnknownArticleEntity } from '../../correspondence/entities/unknown-article.entity';
import { UnknownMemberEntity } from '../../correspondence/entities/unknown-member.entity';
import { InvoiceLineEntity } from '../../invoices/entities/invoice-line.entity';

const INVOICES_SHOWN = 8;

/** The unknowns page: unknown members and articles, each with the invoices concerned. */
@Injectable()
export class UnknownsPageQuery {
  constructor(
    @InjectRepository(UnknownMemberEntity) private readonly members: Repository<UnknownMemberEntity>,
    @InjectRepository(UnknownArticleEntity) private readonly articles: Repository<UnknownArticleEntity>,
    @InjectRepository(InvoiceLineEntity) private readonly lines: Repository<InvoiceLineEntity>,
  ) {}

  async build() {
    const [members, articles] = await Promise.all([
      this.members.find({ order: { Nom_Adherent_Urcoopa: 'ASC' } }),
      this.articles.find({ order: { Numero_Article_Urcoopa: 'ASC' } }),
    ]);
    const byMember = await this.invoicesBy(
      'Nom_Client',
      members.map((m) => m.Nom_Adherent_Urcoopa),
    );
    const byArticle = await this.invoicesBy(
      'Code_Produit',
      articles.map((a) => a.Numero_Article_Urcoopa),
    );
    return {
      counts: { members: members.length, articles: articles.length },
      members: members.map((m) => ({
        name: m.Nom_Adherent_Urcoopa,
        code: m.Code_Client,
        firstSeenAt: m.first_seen_at,
        ...this.summary(byMember.get(m.Nom_Adherent_Urcoopa)),
      })),
      articles: articles.map((a) => ({
        code: a.Numero_Article_Urcoopa,
        label: a.Libelle_Produit,
        firstSeenAt: a.first_seen_at,
        ...this.summary(byArticle.get(a.Numero_Article_Urcoopa)),
      })),
    };
  }

  private summary(numbers: string[] | undefined) {
    const all = numbers ?? [];
    return {
      invoices: all.slice(0, INVOICES_SHOWN),
      moreInvoices: Math.max(0, all.length - INVOICES_SHOWN),
      invoiceCount: all.length,
    };
  }

  private async invoicesBy(
    column: 'Nom_Client' | 'Code_Produit',
    keys: string[],
  ): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.lines.find({
        select: { Numero_Facture: true, Nom_Client: true, Code_Produit: true },
        where: { [column]: In(keys.slice(i, i + 500)) },
        order: { Numero_Facture: 'DESC' },
      });
      for (const row of rows) {
        const key = row[column];
        if (!key) continue;
        const list = result.get(key) ?? [];
        if (!list.includes(row.Numero_Facture)) list.push(row.Numero_Facture);
        result.set(key, list);
      }
    }
    return result;
  }
}
