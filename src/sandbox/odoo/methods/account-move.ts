import { userError } from '../errors';
import type { OdooRecord } from '../fields';
import { isPurchase, isSale, moveAmounts } from '../models/account';
import { NONE, type ModelMethod } from '../models/model';
import type { Env, Orm } from '../orm';

/**
 * account.move's sequence (Odoo 17 _get_starting_sequence): sale journals number per year
 * (INV/2025/00001), the others per month (BILL/2025/10/0001); credit notes of a journal with a
 * dedicated refund sequence get an 'R' prefix (RINV/…, RBILL/…).
 */
function nextName(orm: Orm, move: OdooRecord): string {
  const journal = orm.get('account.journal', move.journal_id as number) as OdooRecord;
  const [year, month] = String(move.date).split('-');
  const refund =
    journal.refund_sequence && (move.move_type === 'out_refund' || move.move_type === 'in_refund');
  const yearly = ['sale', 'bank', 'cash'].includes(journal.type as string);
  const prefix = `${refund ? 'R' : ''}${String(journal.code)}/${year}/${yearly ? '' : `${month}/`}`;
  const used = orm
    .all('account.move')
    .filter((m) => m.journal_id === journal.id && typeof m.name === 'string' && m.name.startsWith(prefix))
    .map((m) => Number(String(m.name).slice(prefix.length)))
    .filter((n) => Number.isInteger(n));
  const next = used.length ? Math.max(...used) + 1 : 1;
  return `${prefix}${String(next).padStart(yearly ? 5 : 4, '0')}`;
}

/** account.move._post(soft=False), in the order Odoo 17 checks things. */
function post(orm: Orm, env: Env, ids: number[]): false {
  const moves = orm.browse(env, 'account.move', ids, 'write');
  for (const move of moves.filter((m) => m.move_type !== 'entry')) {
    const a = moveAmounts(orm, move);
    if (a.untaxed.plus(a.tax).isNegative()) {
      throw userError(
        'You cannot validate an invoice with a negative total amount. You should create a credit note instead. ' +
          'Use the action menu to transform it into a credit note or refund.',
      );
    }
    if (!move.partner_id) {
      if (isSale(move.move_type)) {
        throw userError(
          "The field 'Customer' is required, please complete it to validate the Customer Invoice.",
        );
      }
      throw userError("The field 'Vendor' is required, please complete it to validate the Vendor Bill.");
    }
    if (!move.invoice_date) {
      if (isPurchase(move.move_type))
        throw userError('The Bill/Refund date is required to validate this document.');
    }
  }
  for (const move of moves) {
    if (move.state !== 'draft')
      throw userError(`The entry ${String(move.name)} (id ${move.id}) must be in draft.`);
    const lines = orm
      .all('account.move.line')
      .filter(
        (l) => l.move_id === move.id && l.display_type !== 'line_section' && l.display_type !== 'line_note',
      );
    if (!lines.length) throw userError('You need to add a line before posting.');
  }
  for (const move of moves) {
    if (!move.invoice_date && isSale(move.move_type)) move.invoice_date = orm.today();
    if (move.invoice_date) move.date = move.invoice_date;
    if (!move.invoice_date_due && move.invoice_date) move.invoice_date_due = move.invoice_date;
    if (!move.name || move.name === '/') move.name = nextName(orm, move);
    move.state = 'posted';
    move.posted_before = true;
    move.write_date = orm.now();
  }
  return false;
}

export const moveMethods: Record<string, ModelMethod> = {
  action_post: { params: [], multi: true, run: (orm, env, ids) => post(orm, env, ids) },
  button_draft: {
    params: [],
    multi: true,
    run(orm, env, ids) {
      const moves = orm.browse(env, 'account.move', ids, 'write');
      if (moves.some((m) => m.state !== 'cancel' && m.state !== 'posted')) {
        throw userError('Only posted/cancelled journal entries can be reset to draft.');
      }
      for (const m of moves) Object.assign(m, { state: 'draft', is_move_sent: false, write_date: orm.now() });
      return NONE;
    },
  },
  button_cancel: {
    params: [],
    multi: true,
    run(orm, env, ids) {
      const moves = orm.browse(env, 'account.move', ids, 'write');
      if (moves.some((m) => m.state !== 'draft' && m.state !== 'posted')) {
        throw userError('Only draft journal entries can be cancelled.');
      }
      for (const m of moves) Object.assign(m, { state: 'cancel', auto_post: 'no', write_date: orm.now() });
      return NONE;
    },
  },
};
