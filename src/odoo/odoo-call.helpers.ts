import { OdooError, OdooErrorCode } from './odoo.error';

/**
 * Calls that may be sent twice without harm. Anything else (create, action_post, button_confirm,
 * action_create_invoice…) is never retried here: a retry after a lost answer is how duplicates are
 * made; the jobs' exactly-once mechanism (look for the record, then create) handles those.
 */
export const RETRYABLE = new Set([
  'search',
  'search_read',
  'read',
  'search_count',
  'fields_get',
  'name_search',
  'read_group',
  'default_get',
  'check_access_rights',
  'write',
]);

export function withCompanies(
  kwargs: Record<string, unknown>,
  companyIds?: number[],
): Record<string, unknown> {
  if (companyIds === undefined) return kwargs;
  if (companyIds.length === 0 || companyIds.some((id) => !Number.isInteger(id) || id <= 0)) {
    throw new OdooError(
      OdooErrorCode.InvalidParams,
      `companyIds must be Odoo ids, got [${companyIds.join(', ')}]`,
    );
  }
  const context = (kwargs.context ?? {}) as Record<string, unknown>;
  return { ...kwargs, context: { ...context, allowed_company_ids: companyIds } };
}

export function requireFields(model: string, fields: string[]): void {
  if (fields.length === 0) {
    throw new OdooError(OdooErrorCode.InvalidParams, `Reading ${model} needs an explicit list of fields`);
  }
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function withDetails(error: OdooError, extra: Record<string, unknown>): OdooError {
  const { external: _external, ...details } = error.details ?? {};
  return new OdooError(error.code, error.message, {
    details: { ...details, ...extra },
    transient: error.transient,
    cause: error,
    traceback: error.traceback,
  });
}
