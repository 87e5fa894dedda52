import { Injectable } from '@nestjs/common';
import { UnknownsService } from '../../correspondence/unknowns.service';

const INVOICES_SHOWN = 8;

function summary(numbers: string[]) {
  return {
    invoices: numbers.slice(0, INVOICES_SHOWN),
    moreInvoices: Math.max(0, numbers.length - INVOICES_SHOWN),
    invoiceCount: numbers.length,
  };
}

/** The unknowns page: unknown members, articles and stores, each with the invoices concerned. */
@Injectable()
export class UnknownsPageQuery {
  constructor(private readonly unknowns: UnknownsService) {}

  async build() {
    const view = await this.unknowns.list();
    return {
      counts: {
        members: view.counts.adherents,
        articles: view.counts.articles,
        stores: view.counts.magasins,
      },
      members: view.adherents.map((m) => ({ name: m.nom, code: m.codeClient, ...summary(m.factures) })),
      articles: view.articles.map((a) => ({ code: a.code, label: a.libelle, ...summary(a.factures) })),
      stores: view.magasins.map((s) => ({ code: s.codeClient, name: s.nom, ...summary(s.factures) })),
    };
  }
}
