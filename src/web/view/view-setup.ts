import hbs from 'hbs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatDate, formatDateTime, formatDuration, formatMoney, formatMonth, formatNumber } from './format';

type HelperOptions = { hash: Record<string, unknown> };

/** A run or record status → the CSS badge class and its French label. */
const STATUS_BADGES: Record<string, [string, string]> = {
  running: ['info', 'En cours'],
  succeeded: ['ok', 'Réussie'],
  partial: ['warn', 'Partielle'],
  failed: ['ko', 'Échec'],
  abandoned: ['ko', 'Abandonnée'],
  validated: ['ok', 'Validée'],
  pending: ['neutral', 'À traiter'],
  integrated: ['ok', 'Intégrée'],
  member: ['ok', 'Adhérent'],
  nonMember: ['warn', 'Non adhérent'],
  unknown: ['ko', 'Inconnu'],
  never: ['neutral', 'Jamais lancée'],
};

/**
 * Handlebars helpers and partials. Helpers return plain strings, which Handlebars escapes in
 * `{{ }}`: no helper returns a SafeString, so Urcoopa and Odoo texts can never become HTML.
 */
export function setupViews(viewsDir: string, zone: string): void {
  const h = hbs.handlebars;
  h.registerHelper('money', (value: unknown) => formatMoney(value as string));
  h.registerHelper('num', (value: unknown, digits: unknown) =>
    formatNumber(value as string, typeof digits === 'number' ? digits : 2),
  );
  h.registerHelper('date', (value: unknown) => formatDate(value as string | Date | null, zone));
  h.registerHelper('datetime', (value: unknown) => formatDateTime(value as Date | null, zone));
  h.registerHelper('duration', (value: unknown) => formatDuration(value as number | null));
  h.registerHelper('month', (value: unknown) => formatMonth(String(value ?? '')));
  h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  h.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  h.registerHelper('badgeClass', (status: unknown) => STATUS_BADGES[String(status)]?.[0] ?? 'neutral');
  h.registerHelper(
    'badgeLabel',
    (status: unknown) => STATUS_BADGES[String(status)]?.[1] ?? String(status ?? ''),
  );
  /** JSON for a data-* attribute (escaped by `{{ }}` like any text). */
  h.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
  /** Query string of the current filters with some keys replaced: `{{qs filters page=2}}`. */
  h.registerHelper('qs', (base: unknown, options: HelperOptions) => {
    const params = new URLSearchParams();
    const merged = { ...(base as Record<string, unknown>), ...options.hash };
    for (const [key, value] of Object.entries(merged)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  });

  const partialsDir = join(viewsDir, 'partials');
  if (!existsSync(partialsDir)) return;
  for (const file of readdirSync(partialsDir)) {
    if (file.endsWith('.hbs'))
      h.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
}
