import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { markMonthsDirty } from '../../src/accounting/month-figures';
import { dec } from '../../src/common/money';
import { InvoiceLineEntity } from '../../src/invoices/entities/invoice-line.entity';

/** A staff account for the web tests: user `compta`, password below (bcrypt, cost 4 for speed). */
export const STAFF_PASSWORD = 'mot-de-passe-de-test';
export const STAFF_USERS = 'compta:$2b$04$JfGzoULqKiMA9nz/7Eu8f.lcg.R82GQrVsXefvSD.JuLDHFYHMzQ.';

export interface LineSeed {
  numero: string;
  ligne?: number;
  type?: 'F' | 'A';
  date: string;
  societe?: string;
  codeClient: string;
  nomClient: string;
  typeClient?: string;
  codeProduit?: string | null;
  libelle?: string;
  ht: string;
  tva?: string;
  qty?: string;
  unit?: string;
  price?: string;
  clientOdoo?: string | null;
  idClientOdoo?: number;
  validated?: boolean;
}

/** Writes invoice lines through TypeORM (the real entity, on either database). */
export async function seedLines(app: INestApplication, seeds: LineSeed[]): Promise<void> {
  const repo = app.get(DataSource).getRepository(InvoiceLineEntity);
  const totals = new Map<string, ReturnType<typeof dec>>();
  for (const s of seeds) totals.set(s.numero, (totals.get(s.numero) ?? dec(0)).plus(s.ht));
  await repo.save(
    seeds.map((s) =>
      repo.create({
        Numero_Facture: s.numero,
        Numero_Ligne_Facture: s.ligne ?? 1,
        Type_Facture: s.type ?? 'F',
        Date_Facture: s.date,
        Date_Echeance: s.date,
        Societe_Facture: s.societe ?? 'VRAC',
        Code_Client: s.codeClient,
        Nom_Client: s.nomClient,
        Type_Client: s.typeClient ?? 'ADHERENT',
        Montant_HT: totals.get(s.numero)!,
        Montant_TTC: totals.get(s.numero)!.times(1.021).toDecimalPlaces(2),
        Code_Produit: s.codeProduit === undefined ? '20115VRAC' : s.codeProduit,
        Libelle_Produit: s.libelle ?? 'ALIMENT VL PRODUCTION VRAC',
        Prix_Unitaire: dec(s.price ?? s.ht),
        Quantite_Facturee: dec(s.qty ?? '1'),
        Unite_Facturee: s.unit ?? 'UN',
        Montant_HT_Ligne: dec(s.ht),
        Taux_TVA: dec(s.tva ?? '2.1'),
        Code_Client_ODOO: s.clientOdoo ?? null,
        ID_Client_ODOO: s.idClientOdoo ?? 0,
        facture_valider: s.validated ? 1 : 0,
      }),
    ),
  );
  // Written behind the jobs' back: the monthly figures of these months are rebuilt at the next read.
  await markMonthsDirty(
    repo.manager,
    seeds.map((s) => s.date.slice(0, 7)),
  );
}
