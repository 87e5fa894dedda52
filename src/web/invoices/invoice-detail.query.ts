import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Decimal, round2 } from '../../common/money';
import { InvoiceLineEntity, INTEGRATION_STATUS } from '../../invoices/entities/invoice-line.entity';
import { categoryOf, InvoiceListQuery, MemberCategory } from './invoice-list.query';

export interface InvoiceDetailLine {
  ligne: number;
  codeProduit: string | null;
  libelle: string | null;
  quantite: string | null;
  unite: string | null;
  prixUnitaire: string | null;
  /** Quantity in the Odoo product's unit, only when the unit weight is known. */
  quantiteConvertie: string | null;
  poidsUnitaire: string | null;
  montantHT: string;
  tauxTVA: string | null;
  tva: string;
  produitOdoo: string | null;
  numeroBL: string | null;
  commande: string | null;
  commentaires: string | null;
}

export interface InvoiceDetail {
  numero: string;
  type: string;
  typeLabel: string;
  date: string | null;
  echeance: string | null;
  codeClient: string;
  nomClient: string | null;
  typeClient: string | null;
  category: MemberCategory;
  clientOdooLabel: string | null;
  lines: InvoiceDetailLine[];
  totals: { ht: string; tva: string; ttc: string };
  urcoopa: { ht: string | null; ttc: string | null; matches: boolean };
  validated: boolean;
  validatedAt: Date | null;
  integrated: boolean;
  odooMoveId: number | null;
  odooUrl: string | null;
}

const ZERO = new Decimal(0);

/** One member invoice with its lines, VAT and totals, for the detail and print views. */
@Injectable()
export class InvoiceDetailQuery {
  constructor(
    @InjectRepository(InvoiceLineEntity) private readonly repo: Repository<InvoiceLineEntity>,
    private readonly list: InvoiceListQuery,
  ) {}

  async get(numero: string): Promise<InvoiceDetail> {
    const rows = await this.repo.find({
      where: { Numero_Facture: numero },
      order: { Numero_Ligne_Facture: 'ASC' },
    });
    if (rows.length === 0) throw new NotFoundException(`Facture ${numero} introuvable.`);
    const head = rows[0];
    let ht = ZERO;
    let tva = ZERO;
    const lines = rows.map((r) => {
      const lineHt = r.Montant_HT_Ligne ?? ZERO;
      const lineTva = lineHt.times(r.Taux_TVA ?? ZERO).div(100);
      ht = ht.plus(lineHt);
      tva = tva.plus(lineTva);
      const weightKnown = r.poid_unit_odoo !== null && !r.poid_unit_odoo.isZero();
      return {
        ligne: r.Numero_Ligne_Facture,
        codeProduit: r.Code_Produit,
        libelle: r.Libelle_Produit,
        quantite: r.Quantite_Facturee?.toFixed() ?? null,
        unite: r.Unite_Facturee,
        prixUnitaire: r.Prix_Unitaire?.toFixed() ?? null,
        quantiteConvertie: weightKnown && r.Qte_Fact_Conv ? r.Qte_Fact_Conv.toFixed() : null,
        poidsUnitaire: weightKnown ? r.poid_unit_odoo!.toFixed() : null,
        montantHT: lineHt.toFixed(2),
        tauxTVA: r.Taux_TVA?.toFixed() ?? null,
        tva: round2(lineTva).toFixed(2),
        produitOdoo: r.Code_Produit_ODOO,
        numeroBL: r.Numero_BL,
        commande: r.Numero_Commande_Client,
        commentaires: r.Commentaires,
      };
    });
    const totalTva = round2(tva);
    const ttc = round2(ht).plus(totalTva);
    const moveId = rows.map((r) => r.ID_Facture_ODOO).find((id): id is number => Boolean(id)) ?? null;
    return {
      numero,
      type: head.Type_Facture,
      typeLabel: head.Type_Facture === 'A' ? 'Avoir' : 'Facture',
      date: head.Date_Facture,
      echeance: head.Date_Echeance,
      codeClient: head.Code_Client,
      nomClient: head.Nom_Client,
      typeClient: head.Type_Client,
      category: categoryOf(head.Code_Client_ODOO, head.ID_Client_ODOO),
      clientOdooLabel: head.Code_Client_ODOO,
      lines,
      totals: { ht: round2(ht).toFixed(2), tva: totalTva.toFixed(2), ttc: ttc.toFixed(2) },
      urcoopa: {
        ht: head.Montant_HT?.toFixed(2) ?? null,
        ttc: head.Montant_TTC?.toFixed(2) ?? null,
        matches: head.Montant_TTC === null || head.Montant_TTC.equals(ttc),
      },
      validated: rows.every((r) => r.facture_valider === 1),
      validatedAt: head.date_validation,
      integrated: rows.every((r) => r.Statut_Integration_Fac_inOdoo === INTEGRATION_STATUS.done),
      odooMoveId: moveId,
      odooUrl: this.list.odooMoveUrl(moveId),
    };
  }
}
