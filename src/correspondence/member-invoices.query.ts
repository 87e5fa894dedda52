import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { INTEGRATION_STATUS, InvoiceLineEntity } from '../invoices/entities/invoice-line.entity';

/**
 * Rows of member invoices of the bulk company (domain.md §5 jobs 4-5): Societe_Facture 'VRAC',
 * Type_Client 'ADHERENT', a member code (not starting with 5), not yet integrated.
 */
export function pendingMemberRows(
  dataSource: DataSource,
  numeros?: unknown,
): SelectQueryBuilder<InvoiceLineEntity> {
  const query = dataSource
    .getRepository(InvoiceLineEntity)
    .createQueryBuilder('f')
    .where("UPPER(f.Societe_Facture) = 'VRAC'")
    .andWhere("UPPER(f.Type_Client) = 'ADHERENT'")
    .andWhere("f.Code_Client NOT LIKE '5%'")
    .andWhere('f.Statut_Integration_Fac_inOdoo = :pending', { pending: INTEGRATION_STATUS.pending });
  if (Array.isArray(numeros) && numeros.length > 0) {
    query.andWhere('f.Numero_Facture IN (:...numeros)', { numeros: numeros.map(String) });
  }
  return query;
}
