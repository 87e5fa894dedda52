import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import xmlrpc from 'xmlrpc';
import { startOdooSandbox, type OdooSandbox } from '../../src/sandbox/odoo';
import { failure, odooClient, type TestOdooClient } from './odoo-client';

let sb: OdooSandbox;
let c: TestOdooClient;

beforeAll(async () => {
  sb = await startOdooSandbox();
  c = odooClient(sb);
});
afterEach(() => sb.faults.clear());
afterAll(() => sb.close());

const countPartners = (name: string) => c.x('res.partner', 'search_count', [[['name', '=', name]]]);

describe('fault injection', () => {
  it('adds latency', async () => {
    sb.faults.latency(150, { model: 'res.partner' });
    const t0 = Date.now();
    await c.x('res.partner', 'search', [[]], { limit: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const t1 = Date.now();
    await c.x('res.partner', 'search', [[]], { limit: 1 });
    expect(Date.now() - t1).toBeLessThan(140);
  });

  it('answers proxy HTML 502/504 pages, which the client cannot parse as XML-RPC', async () => {
    sb.faults.html502();
    const f = await failure(c.common('version', []));
    expect(f.faultCode).toBeUndefined();
    expect(f.statusCode).toBe(502);
    expect(f.body).toContain('<title>502 Bad Gateway</title>');
    const res = await (sb.faults.html504(),
    fetch(`${sb.url}/xmlrpc/2/common`, { method: 'POST', body: '<methodCall/>' }));
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('504 Gateway Time-out');
    expect(await c.common('version', [])).toMatchObject({ server_version: '17.0' });
  });

  it('can answer a 504 after the create was committed', async () => {
    sb.faults.html504({ model: 'res.partner', method: 'create', commit: true });
    const f = await failure(c.x('res.partner', 'create', [{ name: 'Committed behind a 504' }]));
    expect(f.statusCode).toBe(504);
    expect(await countPartners('Committed behind a 504')).toBe(1);
  });

  it('resets the connection', async () => {
    sb.faults.reset({ method: 'search_read' });
    const f = await failure(c.x('res.partner', 'search_read', [[]], { limit: 1 }));
    expect(f.code).toBe('ECONNRESET');
    expect(sb.calls.entries.at(-1)).toMatchObject({ outcome: 'reset', committed: false });
  });

  it('faults on the Nth matching call only, or persistently', async () => {
    sb.faults.fault(2, 'Injected business error', { model: 'res.partner', method: 'search', nth: 2 });
    await c.x('res.partner', 'search', [[]], { limit: 1 });
    expect(await failure(c.x('res.partner', 'search', [[]], { limit: 1 }))).toMatchObject({
      faultCode: 2,
      faultString: 'Injected business error',
    });
    await c.x('res.partner', 'search', [[]], { limit: 1 });
    sb.faults.fault(1, 'boom', { model: 'res.partner', persistent: true });
    for (let i = 0; i < 3; i++) expect((await failure(c.x('res.partner', 'search', [[]]))).faultCode).toBe(1);
    sb.faults.clear();
    await c.x('res.partner', 'search', [[]], { limit: 1 });
  });

  it('commit then drop: the record exists although the client saw a reset', async () => {
    sb.faults.commitThenDrop({ model: 'res.partner', method: 'create', mode: 'reset' });
    const f = await failure(c.x('res.partner', 'create', [{ name: 'Dropped once' }]));
    expect(f.code).toBe('ECONNRESET');
    expect(await countPartners('Dropped once')).toBe(1);
  });

  it('commit then drop: the record exists although the client timed out', async () => {
    sb.faults.commitThenDrop({ model: 'res.partner', method: 'create' });
    const client = xmlrpc.createClient({ url: `${sb.url}/xmlrpc/2/object` });
    const outcome = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 300);
      client.methodCall(
        'execute_kw',
        [sb.db, sb.uid, sb.password, 'res.partner', 'create', [{ name: 'Hung' }], {}],
        () => {
          clearTimeout(timer);
          resolve('answered');
        },
      );
    });
    expect(outcome).toBe('timeout');
    expect(await countPartners('Hung')).toBe(1);
    expect(sb.calls.entries.find((e) => e.outcome === 'hang')).toMatchObject({
      model: 'res.partner',
      method: 'create',
      committed: true,
    });
  });
});

describe('call log', () => {
  it('counts calls per model and method', async () => {
    sb.calls.reset();
    await c.common('authenticate', [sb.db, sb.login, sb.password, {}]);
    await c.x('res.partner', 'search_read', [[]], { limit: 1 });
    await c.x('res.partner', 'search_read', [[]], { limit: 1 });
    await c.x('product.product', 'read', [[1], ['name']]);
    await failure(c.x('no.such.model', 'search', [[]]));
    expect(sb.calls.count()).toBe(5);
    expect(sb.calls.count('res.partner')).toBe(2);
    expect(sb.calls.count('res.partner', 'search_read')).toBe(2);
    expect(sb.calls.count(undefined, 'authenticate')).toBe(1);
    expect(sb.calls.count(undefined, 'read')).toBe(1);
    expect(sb.calls.counts()).toMatchObject({ 'res.partner.search_read': 2, authenticate: 1 });
    expect(sb.calls.entries.at(-1)).toMatchObject({ outcome: 'fault', faultCode: 2 });
  });
});
