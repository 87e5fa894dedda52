import type { BusinessClock } from '../common/reunion-time';
import { isIsoDay } from '../common/reunion-time';
import { InvoicesError } from './invoices.error';

export interface ImportWindow {
  nbJours: number;
  dateReference: string;
}

/**
 * The window of a run: `params.nbJours ?? defaultDays` days up to `params.dateReference ??
 * fixedReferenceDay ?? today in La Réunion`, evaluated when the run starts (not at process start).
 */
export function importWindow(
  params: Record<string, unknown>,
  defaultDays: number,
  fixedReferenceDay: string | null,
  clock: BusinessClock,
): ImportWindow {
  const nbJours = params.nbJours ?? defaultDays;
  if (typeof nbJours !== 'number' || !Number.isInteger(nbJours) || nbJours < 1 || nbJours > 366)
    throw InvoicesError.invalidParameters(
      `nbJours must be a whole number from 1 to 366, got ${String(nbJours)}`,
    );
  const dateReference = params.dateReference ?? fixedReferenceDay ?? clock.today();
  if (typeof dateReference !== 'string' || !isIsoDay(dateReference))
    throw InvoicesError.invalidParameters(
      `dateReference must be a day YYYY-MM-DD, got ${String(dateReference)}`,
    );
  return { nbJours, dateReference };
}

/** First day of the window: `nbJours` days up to and including `dateReference`. */
export function windowStart(window: ImportWindow): string {
  const day = new Date(`${window.dateReference}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - (window.nbJours - 1));
  return day.toISOString().slice(0, 10);
}
