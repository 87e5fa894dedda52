import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../src/common/money';
import { loadAppConfig, type AppConfig } from '../../src/config/app-config';
import { metricsRegistry } from '../../src/jobs/metrics';
import { OdooClient } from '../../src/odoo/odoo.client';
import { OdooError, OdooErrorCode } from '../../src/odoo/odoo.error';
import { toOdooNumber } from '../../src/odoo/odoo-values';
import { ODOO_SEED, startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { SICALAIT_COMPANY_ID, URCOOPA_PARTNER_ID } from '../../src/sandbox/world/catalogue';
import { testEnv } from '../helpers/app';

let sandbox: OdooSandbox;
let config: AppConfig;
let odoo: OdooClient;

function configFor(s: OdooSandbox, extra: Record<string, string> = {}): AppConfig {
  return loadAppConfig(
    testEnv({
      URL_ODOO: s.url,
      DB_ODOO: s.db,
      USERNAME_ODOO: s.login,
      PASSWORD_ODOO: s.password,
      ODOO_TIMEOUT_MS: '800',
      ...extra,
    }),
  );
}

/** A client with short backoffs so that retried tests stay quick. */
function clientFor(c: AppConfig): OdooClient {
  return new OdooClient(c, undefined, { initialDelayMs: 5, maxDelayMs: 20 });
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(OdooError);
    return e as OdooError;
  }
  throw new Error('expected an OdooError');
}

beforeAll(async () => {
  sandbox = await startOdooSandbox();
  config = configFor(sandbox);
  odoo = clientFor(config);
});

afterEach(() => {
  sandbox.faults.clear();
  sandbox.calls.reset();
});

afterAll(async () => {
  odoo.onModuleDestroy();
  await sandbox.close();
});

describe('OdooClient authentication', () => {
  it('authenticates once and reuses the uid', async () => {
    const fresh = clientFor(config);
    expect(await fresh.authenticate()).toBe(sandbox.uid);
    await fresh.searchCount('res.partner', []);
    await fresh.searchCount('res.company', []);
    expect(sandbox.calls.count(undefined, 'authenticate')).toBe(1);
    expect(fresh.stats().byCall['common.authenticate']).toEqual({ calls: 1, failed: 0 });
    fresh.onModuleDestroy();
  });

  it('a bad password is a clear AUTH_FAILED error that does not show the password', async () => {
    const bad = clientFor(configFor(sandbox, { PASSWORD_ODOO: 'wrong-secret-123' }));
    const error = await failure(bad.searchCount('res.partner', []));
    expect(error.code).toBe(OdooErrorCode.AuthFailed);
    expect(error.message).toBe(
      `Odoo refused the login '${sandbox.login}' on database '${sandbox.db}' (wrong login or password)`,
    );
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain('wrong-secret-123');
    expect(sandbox.calls.count(undefined, 'authenticate')).toBe(1);
    bad.onModuleDestroy();
  });

  it('an unknown database is AUTH_FAILED too', async () => {
    const bad = clientFor(configFor(sandbox, { DB_ODOO: 'nope' }));
    const error = await failure(bad.authenticate());
    expect(error.code).toBe(OdooErrorCode.AuthFailed);
    expect(error.message).toContain("database 'nope'");
    bad.onModuleDestroy();
  });

  it('re-authenticates once after Access Denied, then gives up', async () => {
    await odoo.authenticate();
    sandbox.calls.reset();
    sandbox.faults.fault(3, 'Access Denied', { model: 'res.partner', method: 'search_count' });
    expect(await odoo.searchCount('res.partner', [['id', '=', URCOOPA_PARTNER_ID]])).toBe(1);
    expect(sandbox.calls.count(undefined, 'authenticate')).toBe(1);
    expect(sandbox.calls.count('res.partner', 'search_count')).toBe(2);

    sandbox.calls.reset();
    sandbox.faults.fault(3, 'Access Denied', { model: 'res.partner', method: 'create', persistent: true });
    const error = await failure(odoo.create('res.partner', { name: 'Never' }));
    expect(error.code).toBe(OdooErrorCode.AccessDenied);
    expect(sandbox.calls.count(undefined, 'authenticate')).toBe(1);
    expect(sandbox.calls.count('res.partner', 'create')).toBe(2);
  });
});

describe('OdooClient faults', () => {
  it('fault 1 → PROGRAMMING_ERROR with the last traceback line', async () => {
    const error = await failure(odoo.searchRead('res.partner', [], ['no_such_field']));
    expect(error.code).toBe(OdooErrorCode.ProgrammingError);
    expect(error.message).toMatch(/^ValueError: Invalid field 'no_such_field' on model 'res.partner'$/);
    expect(error.traceback).toContain('Traceback (most recent call last)');
    expect(error.httpStatus).toBe(502);
    expect(error.details).toMatchObject({ external: true, model: 'res.partner', method: 'search_read' });
    expect(sandbox.calls.count('res.partner', 'search_read')).toBe(1);
  });

  it('fault 2 → BUSINESS_ERROR with the text as is', async () => {
    const error = await failure(odoo.searchCount('no.such.model', []));
    expect(error.code).toBe(OdooErrorCode.BusinessError);
    expect(error.message).toBe("Object no.such.model doesn't exist");
  });

  it('fault 4 → ACCESS_ERROR (a company the user lacks)', async () => {
    const error = await failure(
      odoo.searchCount('res.partner', [], { companyIds: [ODOO_SEED.unauthorizedCompany.id] }),
    );
    expect(error.code).toBe(OdooErrorCode.AccessError);
    expect(error.message).toBe('Access to unauthorized or invalid companies.');
  });

  it('a method returning None → NONE_RESULT although committed; returnsNone makes it a success', async () => {
    const moveId = await odoo.create(
      'account.move',
      { move_type: 'in_invoice', partner_id: URCOOPA_PARTNER_ID, ref: 'NONE-TEST' },
      { companyIds: [SICALAIT_COMPANY_ID] },
    );
    const error = await failure(odoo.call('account.move', 'button_cancel', [moveId]));
    expect(error.code).toBe(OdooErrorCode.NoneResult);
    expect(sandbox.get('account.move', moveId)?.state).toBe('cancel');

    await expect(
      odoo.call('account.move', 'button_draft', [moveId], {}, { returnsNone: true }),
    ).resolves.toBeUndefined();
    expect(sandbox.get('account.move', moveId)?.state).toBe('draft');
  });
});

describe('OdooClient transport failures', () => {
  it('an HTML 502 page → a clear transient HTTP_ERROR; a read is retried', async () => {
    sandbox.faults.html502({ model: 'res.company', method: 'search_read', times: 5 });
    const error = await failure(odoo.searchRead('res.company', [], ['name']));
    expect(error.code).toBe(OdooErrorCode.HttpError);
    expect(error.message).toBe('Odoo answered HTTP 502 (text/html)');
    expect(error.transient).toBe(true);
    expect(error.details).toMatchObject({
      status: 502,
      bodyStart: expect.stringContaining('502 Bad Gateway'),
    });
    expect(sandbox.calls.count('res.company', 'search_read')).toBe(3);

    sandbox.faults.clear();
    sandbox.calls.reset();
    sandbox.faults.html504({ model: 'res.company', method: 'search_read' });
    expect((await odoo.searchRead('res.company', [], ['name'])).length).toBeGreaterThan(0);
    expect(sandbox.calls.count('res.company', 'search_read')).toBe(2);
  });

  it('a connection reset is a transient NETWORK_ERROR: reads retried, create never', async () => {
    sandbox.faults.reset({ model: 'res.partner', method: 'read' });
    expect(await odoo.read('res.partner', [URCOOPA_PARTNER_ID], ['name'])).toEqual([
      { id: URCOOPA_PARTNER_ID, name: 'URCOOPA' },
    ]);
    expect(sandbox.calls.count('res.partner', 'read')).toBe(2);

    sandbox.faults.reset({ model: 'res.partner', method: 'create', commit: true });
    const before = sandbox.records('res.partner').length;
    const error = await failure(odoo.create('res.partner', { name: 'Reset après commit' }));
    expect(error.code).toBe(OdooErrorCode.NetworkError);
    expect(error.transient).toBe(true);
    expect(sandbox.calls.count('res.partner', 'create')).toBe(1);
    // Odoo created it although we got no answer: retrying would have made a duplicate.
    expect(sandbox.records('res.partner').length).toBe(before + 1);
  });

  it('a call past the deadline is a transient TIMEOUT: reads retried, create never', async () => {
    sandbox.faults.latency(2_000, { model: 'res.partner', method: 'search' });
    expect(await odoo.search('res.partner', [['id', '=', URCOOPA_PARTNER_ID]])).toEqual([URCOOPA_PARTNER_ID]);
    expect(sandbox.calls.count('res.partner', 'search')).toBe(2);

    sandbox.faults.commitThenDrop({ model: 'res.partner', method: 'create', mode: 'hang' });
    const error = await failure(odoo.create('res.partner', { name: 'Créé puis perdu' }));
    expect(error.code).toBe(OdooErrorCode.Timeout);
    expect(error.transient).toBe(true);
    expect(error.message).toBe('Odoo did not answer within 800 ms');
    expect(sandbox.calls.count('res.partner', 'create')).toBe(1);
  });

  it('action methods are not retried either', async () => {
    sandbox.faults.html502({ model: 'account.move', method: 'action_post' });
    const error = await failure(odoo.call('account.move', 'action_post', [1]));
    expect(error.code).toBe(OdooErrorCode.HttpError);
    expect(sandbox.calls.count('account.move', 'action_post')).toBe(1);
  });
});

describe('OdooClient batching', () => {
  it('createMany creates in chunks of 50 with batch create and returns the ids in order', async () => {
    const values = Array.from({ length: 120 }, (_, i) => ({ name: `Lot ${i}`, ref: `LOT${i}` }));
    const ids = await odoo.createMany('res.partner', values);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(sandbox.calls.count('res.partner', 'create')).toBe(3);
    expect(sandbox.get('res.partner', ids[0])?.name).toBe('Lot 0');
    expect(sandbox.get('res.partner', ids[119])?.ref).toBe('LOT119');
  });

  it('a failed chunk reports the ids created by the earlier chunks', async () => {
    sandbox.faults.fault(2, 'Boom', { model: 'res.partner', method: 'create', nth: 2 });
    const values = Array.from({ length: 60 }, (_, i) => ({ name: `Partiel ${i}` }));
    const error = await failure(odoo.createMany('res.partner', values));
    expect(error.code).toBe(OdooErrorCode.BusinessError);
    expect(error.details?.createdIds).toHaveLength(50);
  });

  it('reads 1,200 ids in 3 calls and searchReadIn chunks its `in` domain', async () => {
    const ids = await odoo.createMany(
      'res.partner',
      Array.from({ length: 1_200 }, (_, i) => ({ name: `Lecture ${i}` })),
      { chunkSize: 600 },
    );
    sandbox.calls.reset();
    const rows = await odoo.read<{ id: number; name: string }>('res.partner', ids, ['name']);
    expect(rows).toHaveLength(1_200);
    expect(rows[1_199]).toEqual({ id: ids[1_199], name: 'Lecture 1199' });
    expect(sandbox.calls.count('res.partner', 'read')).toBe(3);

    sandbox.calls.reset();
    const found = await odoo.searchReadIn('res.partner', 'id', ids, ['id'], [['name', '=like', 'Lecture %']]);
    expect(found).toHaveLength(1_200);
    expect(sandbox.calls.count('res.partner', 'search_read')).toBe(2);

    sandbox.calls.reset();
    const all = await odoo.searchReadAll('res.partner', [['name', '=like', 'Lecture %']], ['id'], {
      pageSize: 500,
    });
    expect(all).toHaveLength(1_200);
    expect(sandbox.calls.count('res.partner', 'search_read')).toBe(3);
  });

  it('read with mustExist names the missing ids', async () => {
    const error = await failure(
      odoo.read('res.partner', [URCOOPA_PARTNER_ID, 99_999_999], ['name'], { mustExist: true }),
    );
    expect(error.code).toBe(OdooErrorCode.NotFound);
    expect(error.message).toBe('res.partner not found in Odoo: ids 99999999');
  });
});

describe('OdooClient values and context', () => {
  it('sets context.allowed_company_ids: records go to its first company, searches see only these', async () => {
    const tmpl = sandbox.records('product.template')[0].id;
    const values = { partner_id: URCOOPA_PARTNER_ID, product_tmpl_id: tmpl, product_code: 'CTX-TEST' };
    const inStore = await odoo.create('product.supplierinfo', values, {
      companyIds: [21, SICALAIT_COMPANY_ID],
    });
    const byDefault = await odoo.create('product.supplierinfo', values);
    expect(sandbox.get('product.supplierinfo', inStore)?.company_id).toBe(21);
    expect(sandbox.get('product.supplierinfo', byDefault)?.company_id).toBe(SICALAIT_COMPANY_ID);

    const storeTaxes = await odoo.searchCount('account.tax', [], { companyIds: [21] });
    const allTaxes = await odoo.searchCount('account.tax', []);
    expect(storeTaxes).toBe(4);
    expect(allTaxes).toBeGreaterThan(storeTaxes);
  });

  it('sends dates as strings and decimals as rounded numbers', async () => {
    const moveId = await odoo.create(
      'account.move',
      {
        move_type: 'in_invoice',
        partner_id: URCOOPA_PARTNER_ID,
        ref: 'VALUES-TEST',
        invoice_date: '2025-10-14',
        invoice_date_due: '2025-11-30',
        invoice_line_ids: [
          [
            0,
            0,
            {
              name: 'Vrac',
              quantity: toOdooNumber(dec('2.5'), 4),
              price_unit: toOdooNumber(dec('486.225'), 2),
            },
          ],
        ],
      },
      { companyIds: [SICALAIT_COMPANY_ID] },
    );
    const [move] = await odoo.read<{
      id: number;
      invoice_date: string;
      invoice_date_due: string;
      amount_untaxed: number;
    }>('account.move', [moveId], ['invoice_date', 'invoice_date_due', 'amount_untaxed']);
    expect(move.invoice_date).toBe('2025-10-14');
    expect(move.invoice_date_due).toBe('2025-11-30');
    expect(move.amount_untaxed).toBe(1215.58);
    const [line] = sandbox
      .records('account.move.line')
      .filter((l) => l.move_id === moveId && l.name === 'Vrac');
    expect(line.price_unit).toBe(486.23);
    expect(line.quantity).toBe(2.5);
  });

  it('refuses a Date or a Decimal before sending anything', async () => {
    await odoo.authenticate();
    sandbox.calls.reset();
    const error = await failure(odoo.write('res.partner', [URCOOPA_PARTNER_ID], { date: new Date() }));
    expect(error.code).toBe(OdooErrorCode.InvalidParams);
    await expect(odoo.write('res.partner', [URCOOPA_PARTNER_ID], { x: dec('1') })).rejects.toThrow(
      /toOdooNumber/,
    );
    expect(sandbox.calls.entries).toHaveLength(0);
  });

  it('unset fields stay false and many2one are [id, name]', async () => {
    const [urcoopa] = await odoo.read<{
      id: number;
      phone: unknown;
      company_id: unknown;
      category_id: unknown;
    }>('res.partner', [URCOOPA_PARTNER_ID], ['phone', 'company_id', 'category_id']);
    expect(urcoopa).toEqual({ id: URCOOPA_PARTNER_ID, phone: false, company_id: false, category_id: [] });
    const [company] = await odoo.read<{ id: number; currency_id: unknown }>(
      'res.company',
      [SICALAIT_COMPANY_ID],
      ['currency_id'],
    );
    expect(company.currency_id).toEqual([ODOO_SEED.eurCurrencyId, 'EUR']);
  });

  it('counts calls per model/method and feeds the external calls metric', async () => {
    const fresh = clientFor(config);
    await fresh.searchCount('res.partner', []);
    await failure(fresh.searchCount('no.such.model', []));
    const stats = fresh.stats();
    expect(stats.byCall['res.partner.search_count']).toEqual({ calls: 1, failed: 0 });
    expect(stats.byCall['no.such.model.search_count']).toEqual({ calls: 1, failed: 1 });
    expect(stats.total).toBe(3);
    fresh.resetStats();
    expect(fresh.stats().total).toBe(0);
    const metric = await metricsRegistry.getSingleMetricAsString('urcoopa_sync_external_calls_total');
    expect(metric).toContain('system="odoo",operation="res.partner.search_count",outcome="success"');
    expect(metric).toContain('operation="no.such.model.search_count",outcome="business_error"');
    fresh.onModuleDestroy();
  });

  it('version() needs no login', async () => {
    const fresh = clientFor(config);
    const version = await fresh.version();
    expect(String(version.server_version)).toMatch(/^17/);
    expect(sandbox.calls.count(undefined, 'authenticate')).toBe(0);
    fresh.onModuleDestroy();
  });
});
