import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CommonError, CommonErrorCode } from '../common/errors/app-error';
import { pendingMemberRows } from '../correspondence/member-invoices.query';
import { InvoiceLineEntity } from './entities/invoice-line.entity';

export interface ValidationResult {
  numero: string;
  alreadyValidated: boolean;
  dateValidation: Date | null;
}

export interface BulkValidationResult {
  validated: string[];
  alreadyValidated: string[];
  notFound: string[];
}

/** Staff validation of member invoices (facture_valider, date_validation); validating twice is harmless. */
@Injectable()
export class InvoiceValidationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async validate(numero: string): Promise<ValidationResult> {
    const result = await this.validateMany([numero]);
    if (result.notFound.length > 0) {
      throw new CommonError(CommonErrorCode.NotFound, `Facture ${numero} introuvable`, HttpStatus.NOT_FOUND, {
        numero,
      });
    }
    const [row] = await this.repo().find({ where: { Numero_Facture: numero }, take: 1 });
    return {
      numero,
      alreadyValidated: result.alreadyValidated.includes(numero),
      dateValidation: row.date_validation,
    };
  }

  /** These invoices, or (no list) every member invoice not yet in Odoo and not validated. */
  async validateAll(numeros?: string[]): Promise<BulkValidationResult> {
    if (numeros && numeros.length > 0) return this.validateMany(numeros);
    const rows = await pendingMemberRows(this.dataSource)
      .andWhere('f.facture_valider = 0')
      .select(['f.Numero_Facture'])
      .getMany();
    return this.validateMany([...new Set(rows.map((r) => r.Numero_Facture))]);
  }

  private async validateMany(numeros: string[]): Promise<BulkValidationResult> {
    const wanted = [...new Set(numeros.map((n) => n.trim()))];
    const result: BulkValidationResult = { validated: [], alreadyValidated: [], notFound: [] };
    if (wanted.length === 0) return result;
    const rows = await this.repo().find({
      where: { Numero_Facture: In(wanted) },
      select: ['Numero_Facture', 'facture_valider'],
    });
    const now = new Date();
    const toValidate: string[] = [];
    for (const numero of wanted) {
      const lines = rows.filter((r) => r.Numero_Facture === numero);
      if (lines.length === 0) result.notFound.push(numero);
      else if (lines.every((l) => l.facture_valider)) result.alreadyValidated.push(numero);
      else toValidate.push(numero);
    }
    for (let i = 0; i < toValidate.length; i += 500) {
      // Only lines not validated yet: the first validation date is kept.
      await this.repo().update(
        { Numero_Facture: In(toValidate.slice(i, i + 500)), facture_valider: 0 },
        { facture_valider: 1, date_validation: now },
      );
    }
    result.validated = toValidate;
    return result;
  }

  private repo() {
    return this.dataSource.getRepository(InvoiceLineEntity);
  }
}
