import { validateCronExpression } from 'cron';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { Decimal } from '../common/money';
import { DEFAULT_BUSINESS_ZONE, isIsoDay } from '../common/reunion-time';
import { JOB_DEFINITIONS, JobName } from './job-definitions';

export type NodeEnv = 'development' | 'production' | 'test';

export interface MysqlConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface StaffUser {
  username: string;
  /** bcrypt hash. */
  passwordHash: string;
}

/** The whole configuration, validated once at boot. Nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  logLevel: string;
  businessTimeZone: string;
  database:
    | { type: 'sqlite'; path: string; runMigrations: boolean }
    | ({ type: 'mysql'; runMigrations: boolean } & MysqlConfig);
  /** Optional Gesica MySQL connection (exportgesica.CMD400); null disables the Gesica import. */
  gesica: (MysqlConfig & { table: string }) | null;
  auth: {
    /** Keys accepted in the X-API-Key header. */
    apiKeys: string[];
    sessionSecret: string;
    /** No SESSION_SECRET outside production: a random one was drawn for this start (sessions end at restart). */
    sessionSecretRandom: boolean;
    /** A staff session ends after this long without a request… */
    sessionIdleMs: number;
    /** …and at the latest this long after sign-in. */
    sessionMaxMs: number;
    /** Express 'trust proxy' (TRUST_PROXY): false = ignore X-Forwarded-* headers. */
    trustProxy: boolean | number | string;
    staffUsers: StaffUser[];
    /** Cookies get the Secure flag (set behind TLS). */
    secureCookies: boolean;
  };
  urcoopa: {
    /** WSDL URL of the vendor (MY_URCOOPA_URL); null = use the bundled WSDL with `endpoint`. */
    wsdlUrl: string | null;
    /** Service endpoint when the bundled WSDL is used (or to override the WSDL's address). */
    endpoint: string | null;
    apiKey: string;
    /** Days of invoices fetched per run (API_KEY_JOUR_FACTURES). */
    invoiceDays: number;
    /** Days of deliveries fetched per run (API_KEY_JOUR). */
    deliveryDays: number;
    /** Fixed reference day (API_KEY_DATE_REFERENCE); null = today in the business zone at run time. */
    fixedReferenceDay: string | null;
    timeoutMs: number;
    /** URCOOPA_SLICE_DAYS: a window is asked at most this many days at a time (memory of a run). */
    sliceDays: number;
    /** URCOOPA_SLICE_RECORDS: documents a slice aims at; denser days give shorter slices. */
    sliceRecords: number;
  };
  odoo: {
    url: string;
    db: string;
    username: string;
    password: string;
    timeoutMs: number;
    /** URCOOPA supplier partner id; null = looked up by name once. */
    urcoopaPartnerId: number | null;
    /** SICALAIT company id; null = looked up by name once. */
    sicalaitCompanyId: number | null;
    /** Company of the POs made from Gesica orders; null = the SICALAIT company. */
    gesicaCompanyId: number | null;
    /** Supplier partner of the stores' intercompany POs (job 3); null = that part of job 3 is skipped. */
    intercompanyPartnerId: number | null;
    analyticCode: string;
    /** Post the moves created (default: leave drafts, staff post them). */
    postMoves: boolean;
  };
  business: {
    /** Member resale price coefficient (COEFFICIENT). */
    coefficient: Decimal;
    /** Analytic distribution percentage (POURCENTAGE_ANALYTIQUE). */
    analyticPercentage: Decimal;
    /** Days of purchase orders sent per run (DATE_JOUR). */
    orderDays: number;
    /** Inject only invoices validated by staff (facture_valider = 1). */
    injectOnlyValidated: boolean;
  };
  jobs: Record<JobName, { cron: string | null; uptimeKumaUrl: string | null }>;
  /** A run still going after this stops between two batches, failed with JOB_DEADLINE. */
  jobDeadlineMs: number;
  uptimeKumaTimeoutMs: number;
  /** Three-way match order ↔ delivery ↔ invoice (job rapprochement). */
  reconciliation: {
    /** RAPPROCHEMENT_QTY_TOLERANCE_PCT: quantities may differ by this percentage (bulk feed is weighed). */
    qtyTolerancePct: Decimal;
    /** RAPPROCHEMENT_PRICE_TOLERANCE_PCT: invoiced unit price vs PO price. */
    priceTolerancePct: Decimal;
    /** RAPPROCHEMENT_INVOICE_DAYS: a delivery not invoiced after this many days is flagged. */
    invoiceDays: number;
    /** RAPPROCHEMENT_DELIVERY_DAYS: an order sent and not delivered after this many days is flagged. */
    deliveryDays: number;
    /** RAPPROCHEMENT_HOLD_BILLS: jobs 5 and 6 hold the moves of invoices with an open price/quantity discrepancy. */
    holdBills: boolean;
  };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables, collecting every problem so that one message names all bad variables. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined) return undefined;
    // Inline comments as in the previous tool's .env ("17 11 * * *  # 11h00 ...").
    const trimmed = value.replace(/(^|\s+)#.*$/, '').trim();
    return trimmed === '' ? undefined : trimmed;
  }

  first(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.raw(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  fail(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }

  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.fail(name, `must be an integer between ${min} and ${max}, got '${value}'`);
      return fallback;
    }
    return parsed;
  }

  optionalId(name: string): number | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) {
      this.fail(name, `must be a positive integer (an Odoo id), got '${value}'`);
      return null;
    }
    return parsed;
  }

  decimal(name: string, fallback: string, min: string, max: string): Decimal {
    const value = this.raw(name) ?? fallback;
    let parsed: Decimal;
    try {
      parsed = new Decimal(value.replace(',', '.'));
    } catch {
      this.fail(name, `must be a decimal number, got '${value}'`);
      return new Decimal(fallback);
    }
    if (parsed.lt(min) || parsed.gt(max))
      this.fail(name, `must be between ${min} and ${max}, got '${value}'`);
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off)$/i.test(value)) return false;
    this.fail(name, `must be true or false, got '${value}'`);
    return fallback;
  }

  url(name: string, value: string | undefined): string | null {
    if (value === undefined) return null;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      return value;
    } catch {
      this.fail(name, `must be an http(s) URL`);
      return null;
    }
  }

  /** A secret that production requires; in development a fallback may be used. */
  secret(name: string, production: boolean, fallback: string, ...aliases: string[]): string {
    const value = this.first(name, ...aliases);
    if (value !== undefined) return value;
    if (production) this.fail(name, 'is required in production');
    return fallback;
  }
}

function readDatabase(r: EnvReader, production: boolean): AppConfig['database'] {
  const runMigrations = r.bool('DB_RUN_MIGRATIONS', true);
  const url = r.raw('DATABASE_URL');
  const explicitType = r.raw('DB_TYPE');
  const legacyHost = r.first('MYSQL_HOST', 'DB_URL_HOST');
  const type = explicitType ?? (url || legacyHost ? 'mysql' : 'sqlite');
  if (type !== 'mysql' && type !== 'sqlite') {
    r.fail('DB_TYPE', `must be 'mysql' or 'sqlite', got '${type}'`);
  }
  if (type !== 'mysql') {
    if (production && !explicitType)
      r.fail(
        'DB_TYPE',
        'production needs MySQL (set MYSQL_HOST…, DATABASE_URL, or DB_TYPE=sqlite explicitly)',
      );
    return { type: 'sqlite', path: r.raw('SQLITE_PATH') ?? './data/exportOdoo.sqlite', runMigrations };
  }
  let fromUrl: Partial<MysqlConfig> = {};
  if (url) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') throw new Error('protocol');
      fromUrl = {
        host: parsed.hostname,
        port: parsed.port ? Number(parsed.port) : 3306,
        user: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
        database: parsed.pathname.replace(/^\//, '') || undefined,
      };
    } catch {
      r.fail('DATABASE_URL', 'must look like mysql://user:password@host:3306/exportOdoo');
    }
  }
  const host = fromUrl.host ?? legacyHost;
  if (!host) r.fail('MYSQL_HOST', 'is required when DB_TYPE=mysql (or DB_URL_HOST, or DATABASE_URL)');
  const user = fromUrl.user ?? r.first('MYSQL_USER', 'DB_URL_USER') ?? 'root';
  const password = fromUrl.password ?? r.first('MYSQL_PASSWORD', 'DB_URL_PASSWORD');
  if (password === undefined && production)
    r.fail('MYSQL_PASSWORD', 'is required in production (or DB_URL_PASSWORD)');
  return {
    type: 'mysql',
    runMigrations,
    host: host ?? '127.0.0.1',
    port:
      fromUrl.port ??
      (r.raw('MYSQL_PORT') ? r.int('MYSQL_PORT', 3306, 1, 65535) : r.int('DB_URL_PORT', 3306, 1, 65535)),
    user,
    password: password ?? '',
    database: fromUrl.database ?? r.first('MYSQL_DATABASE', 'DB_URL_DATABASE') ?? 'exportOdoo',
  };
}

function readGesica(r: EnvReader): AppConfig['gesica'] {
  const host = r.raw('GESICA_DB_HOST');
  if (!host) return null;
  return {
    host,
    port: r.int('GESICA_DB_PORT', 3306, 1, 65535),
    user: r.raw('GESICA_DB_USER') ?? 'root',
    password: r.raw('GESICA_DB_PASSWORD') ?? '',
    database: r.raw('GESICA_DB_DATABASE') ?? 'exportgesica',
    table: r.raw('GESICA_DB_TABLE') ?? 'CMD400',
  };
}

/** TRUST_PROXY: off (default), true, a hop count, or addresses/subnets ('loopback', '10.0.0.0/8, …'). */
function readTrustProxy(r: EnvReader): boolean | number | string {
  const value = r.raw('TRUST_PROXY');
  if (value === undefined || /^(0|false|no|off)$/i.test(value)) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (!/^[\w.:/,\s-]+$/.test(value)) {
    r.fail('TRUST_PROXY', `must be off, true, a number of hops or addresses/subnets, got '${value}'`);
    return false;
  }
  return value;
}

function readStaffUsers(r: EnvReader): StaffUser[] {
  // STAFF_USERS="alice:$2b$12$…,bob:$2b$12$…" (bcrypt hashes, never plain passwords)
  const value = r.raw('STAFF_USERS');
  if (!value) return [];
  const users: StaffUser[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const username = entry.slice(0, colon);
    const passwordHash = entry.slice(colon + 1);
    if (colon < 1 || !/^\$2[aby]\$\d{2}\$.{53}$/.test(passwordHash)) {
      r.fail('STAFF_USERS', `entry '${username || entry.slice(0, 12)}' must be user:<bcrypt hash>`);
      continue;
    }
    users.push({ username, passwordHash });
  }
  return users;
}

export function loadAppConfig(env: Env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnvRaw = r.raw('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    r.fail('NODE_ENV', `must be development, production or test, got '${nodeEnvRaw}'`);
  }
  const nodeEnv = (
    ['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development'
  ) as NodeEnv;
  const production = nodeEnv === 'production';

  const businessTimeZone = r.raw('BUSINESS_TIME_ZONE') ?? DEFAULT_BUSINESS_ZONE;
  if (!DateTime.now().setZone(businessTimeZone).isValid)
    r.fail('BUSINESS_TIME_ZONE', `unknown time zone '${businessTimeZone}'`);

  const apiKeysRaw = r.raw('API_KEYS');
  const apiKeys = apiKeysRaw
    ? apiKeysRaw
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : [];
  if (apiKeys.some((k) => k.length < 16)) r.fail('API_KEYS', 'each key must be at least 16 characters');
  if (apiKeys.length === 0 && production)
    r.fail('API_KEYS', 'is required in production (comma-separated keys)');

  const configuredSecret = r.raw('SESSION_SECRET');
  if (configuredSecret === undefined && production) r.fail('SESSION_SECRET', 'is required in production');
  const sessionSecret = configuredSecret ?? randomBytes(32).toString('base64url');
  if (production && sessionSecret.length < 32) r.fail('SESSION_SECRET', 'must be at least 32 characters');

  const fixedReferenceDay = r.raw('API_KEY_DATE_REFERENCE') ?? null;
  if (fixedReferenceDay !== null && !isIsoDay(fixedReferenceDay)) {
    r.fail('API_KEY_DATE_REFERENCE', `must be a day YYYY-MM-DD, got '${fixedReferenceDay}'`);
  }

  const jobs = {} as AppConfig['jobs'];
  for (const job of JOB_DEFINITIONS) {
    const cron = r.raw(job.cronEnv) ?? null;
    if (cron !== null) {
      const check = validateCronExpression(cron);
      if (!check.valid) r.fail(job.cronEnv, `invalid cron expression '${cron}'`);
    }
    jobs[job.name] = { cron, uptimeKumaUrl: r.url(job.uptimeEnv, r.raw(job.uptimeEnv)) };
  }

  const config: AppConfig = {
    nodeEnv,
    port: r.int('PORT', 9898, 1, 65535),
    logLevel: r.raw('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    businessTimeZone,
    database: readDatabase(r, production),
    gesica: readGesica(r),
    auth: {
      apiKeys,
      sessionSecret,
      sessionSecretRandom: configuredSecret === undefined,
      sessionIdleMs: r.int('SESSION_IDLE_MINUTES', 120, 1, 7 * 24 * 60) * 60_000,
      sessionMaxMs: r.int('SESSION_MAX_HOURS', 12, 1, 30 * 24) * 3_600_000,
      trustProxy: readTrustProxy(r),
      staffUsers: readStaffUsers(r),
      secureCookies: r.bool('SECURE_COOKIES', production),
    },
    urcoopa: {
      wsdlUrl: r.url('MY_URCOOPA_URL', r.raw('MY_URCOOPA_URL')),
      endpoint: r.url('URCOOPA_ENDPOINT', r.raw('URCOOPA_ENDPOINT')),
      apiKey: r.secret('API_KEY_URCOOPA', production, ''),
      invoiceDays: r.int('API_KEY_JOUR_FACTURES', 15, 1, 366),
      deliveryDays: r.int('API_KEY_JOUR', 30, 1, 366),
      fixedReferenceDay,
      timeoutMs: r.int('URCOOPA_TIMEOUT_MS', 60_000, 100, 600_000),
      sliceDays: r.int('URCOOPA_SLICE_DAYS', 7, 1, 366),
      sliceRecords: r.int('URCOOPA_SLICE_RECORDS', 300, 1, 100_000),
    },
    odoo: {
      url: r.url('URL_ODOO', r.raw('URL_ODOO')) ?? '',
      db: r.secret('DB_ODOO', production, ''),
      username: r.secret('USERNAME_ODOO', production, ''),
      password: r.secret('PASSWORD_ODOO', production, ''),
      timeoutMs: r.int('ODOO_TIMEOUT_MS', 30_000, 100, 600_000),
      urcoopaPartnerId: r.optionalId('ODOO_URCOOPA_PARTNER_ID'),
      sicalaitCompanyId: r.optionalId('ODOO_SICALAIT_COMPANY_ID'),
      intercompanyPartnerId: r.optionalId('ODOO_INTERCOMPANY_PARTNER_ID'),
      gesicaCompanyId: r.optionalId('GESICA_COMPANY_ID'),
      analyticCode: r.raw('ODOO_ANALYTIC_CODE') ?? '922',
      postMoves: r.bool('ODOO_POST_MOVES', false),
    },
    business: {
      coefficient: r.decimal('COEFFICIENT', '1.05', '0.5', '5'),
      analyticPercentage: r.decimal('POURCENTAGE_ANALYTIQUE', '100', '0', '100'),
      orderDays: r.int('DATE_JOUR', 5, 1, 366),
      injectOnlyValidated: r.bool('INJECT_ONLY_VALIDATED', false),
    },
    jobs,
    jobDeadlineMs: r.int('JOB_DEADLINE_MS', 2 * 3_600_000, 1, 24 * 3_600_000),
    uptimeKumaTimeoutMs: r.int('UPTIME_KUMA_TIMEOUT_MS', 5_000, 100, 60_000),
    reconciliation: {
      qtyTolerancePct: r.decimal('RAPPROCHEMENT_QTY_TOLERANCE_PCT', '2', '0', '100'),
      priceTolerancePct: r.decimal('RAPPROCHEMENT_PRICE_TOLERANCE_PCT', '0.5', '0', '100'),
      invoiceDays: r.int('RAPPROCHEMENT_INVOICE_DAYS', 10, 0, 366),
      deliveryDays: r.int('RAPPROCHEMENT_DELIVERY_DAYS', 7, 0, 366),
      holdBills: r.bool('RAPPROCHEMENT_HOLD_BILLS', false),
    },
  };
  if (production) {
    if (!config.urcoopa.wsdlUrl && !config.urcoopa.endpoint)
      r.fail('MY_URCOOPA_URL', 'is required in production (or URCOOPA_ENDPOINT)');
    if (!config.odoo.url) r.fail('URL_ODOO', 'is required in production');
    if (config.auth.staffUsers.length === 0)
      r.fail('STAFF_USERS', 'is required in production (user:<bcrypt hash>, …)');
  }
  if (r.problems.length > 0) throw new ConfigValidationError(r.problems);
  return config;
}

/**
 * The configuration of a command-line run (quiet logs by default): a bad variable is written to
 * `err` and gives null, for the command to exit with its configuration code.
 */
export function loadCliConfig(env: Env, err: (text: string) => void): AppConfig | null {
  try {
    return loadAppConfig({ LOG_LEVEL: 'warn', ...env });
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      err(error.message);
      return null;
    }
    throw error;
  }
}
