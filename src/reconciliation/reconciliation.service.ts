import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DiscrepancyEntity } from './entities/discrepancy.entity';
import { ReconciliationError, ReconciliationErrorCode } from './reconciliation.error';
import { ReconciliationQuery, type DiscrepancyView } from './reconciliation.query';

/** Staff decisions on discrepancies. */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly query: ReconciliationQuery,
  ) {}

  /**
   * Accepts an open discrepancy: it leaves the open count, and with RAPPROCHEMENT_HOLD_BILLS it no
   * longer holds its invoices' bills. Who, when and why are kept.
   */
  async accept(id: number, user: string, comment: string): Promise<DiscrepancyView> {
    const current = await this.query.discrepancy(id);
    if (current.status === 'accepted')
      throw new ReconciliationError(
        ReconciliationErrorCode.AlreadyAccepted,
        `Écart ${id} déjà accepté par ${current.acceptedBy ?? '?'}.`,
        HttpStatus.CONFLICT,
      );
    const result = await this.ds
      .createQueryBuilder()
      .update(DiscrepancyEntity)
      .set({
        status: 'accepted',
        accepted_by: user.slice(0, 100),
        accepted_at: new Date(),
        comment: comment.trim(),
      })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    if (!result.affected)
      throw new ReconciliationError(
        ReconciliationErrorCode.AlreadyAccepted,
        `Écart ${id} déjà accepté.`,
        HttpStatus.CONFLICT,
      );
    return this.query.discrepancy(id);
  }
}
