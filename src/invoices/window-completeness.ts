import type { DataSource } from 'typeorm';
import type { RecordError } from '../jobs/job-run.entity';

/** Code of the record error of a window answer lacking documents we already hold. */
export const INCOMPLETE_ANSWER = 'URCOOPA_INCOMPLETE_ANSWER';

/** The documents of one table dated in a window: a key column and a date column. */
export interface DatedDocuments {
  table: string;
  keyColumn: string;
  dateColumn: string;
  /** 'facture(s)', 'BL' — for the message. */
  noun: string;
}

/**
 * Documents we already hold, dated within [firstDay, lastDay], that Urcoopa's answer for those days
 * lacks. Every run asks again for days it already fetched, so such an answer is an outage (an empty
 * or cut window), never a deletion: nothing is deleted, the run is partial. Numbers sorted.
 */
export async function missingFromAnswer(
  dataSource: DataSource,
  documents: DatedDocuments,
  window: { firstDay: string; lastDay: string },
  answered: Iterable<string>,
): Promise<string[]> {
  const q = (name: string) => dataSource.driver.escape(name);
  const rows = (await dataSource.query(
    `SELECT DISTINCT ${q(documents.keyColumn)} AS k FROM ${q(documents.table)} WHERE ${q(documents.dateColumn)} >= ? AND ${q(documents.dateColumn)} <= ?`,
    [window.firstDay, window.lastDay],
  )) as Array<{ k: string | number }>;
  const seen = new Set([...answered].map(String));
  return rows
    .map((r) => String(r.k))
    .filter((key) => !seen.has(key))
    .sort();
}

const SHOWN = 20;

/** The record error of a run whose answer lacked documents we hold (French, for staff and Uptime Kuma). */
export function incompleteAnswerError(
  documents: DatedDocuments,
  window: { firstDay: string; lastDay: string },
  missing: string[],
): RecordError {
  const listed = missing.slice(0, SHOWN).join(', ');
  const more = missing.length > SHOWN ? ` et ${missing.length - SHOWN} autre(s)` : '';
  return {
    record: `fenêtre du ${window.firstDay} au ${window.lastDay}`,
    code: INCOMPLETE_ANSWER,
    message:
      `Réponse d'Urcoopa incomplète : ${missing.length} ${documents.noun} déjà reçu(s) pour ces jours ` +
      `manque(nt) dans sa réponse (${listed}${more}). Panne probable côté Urcoopa : rien n'a été ` +
      `supprimé, le prochain passage redemandera ces jours.`,
  };
}
