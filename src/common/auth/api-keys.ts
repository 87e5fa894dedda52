import type { IncomingHttpHeaders } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';

export const API_KEY_HEADER = 'x-api-key';
/** Accepted in development when API_KEYS is not set; production refuses to start without keys. */
export const DEVELOPMENT_API_KEY = 'dev-only-api-key-change-me';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Checks the X-API-Key header against the configured keys (constant time, every key compared). */
export class ApiKeyVerifier {
  private readonly keyDigests: Buffer[];

  constructor(config: AppConfig) {
    const keys = config.auth.apiKeys.length > 0 ? config.auth.apiKeys : [DEVELOPMENT_API_KEY];
    this.keyDigests = keys.map(digest);
  }

  /** True only when the request carries one of the keys. */
  isValid(headers: IncomingHttpHeaders): boolean {
    const header = headers[API_KEY_HEADER];
    const presented = Array.isArray(header) ? header[0] : header;
    if (!presented) return false;
    const candidate = digest(presented);
    let ok = false;
    for (const key of this.keyDigests) ok = timingSafeEqual(candidate, key) || ok;
    return ok;
  }
}
