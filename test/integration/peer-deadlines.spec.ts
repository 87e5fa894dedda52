import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config';
import { OdooClient } from '../../src/odoo/odoo.client';
import { OdooError, OdooErrorCode } from '../../src/odoo/odoo.error';
import { UrcoopaClient } from '../../src/urcoopa/urcoopa.client';
import { UrcoopaError, UrcoopaErrorCode } from '../../src/urcoopa/urcoopa.error';
import { startTestApp, testEnv, TEST_API_KEY, type TestApp } from '../helpers/app';

/** A peer that accepts connections and never answers (a hung Odoo or Urcoopa). */
let silent: net.Server;
let silentConnections = 0;
let silentUrl: string;
/** An Odoo that accepts the login and then never answers anything else. */
let halfOdoo: http.Server;
let halfOdooUrl: string;
const halfOdooRequests = { authenticate: 0, execute_kw: 0 };

const uidAnswer =
  '<?xml version="1.0"?><methodResponse><params><param><value><int>2</int></value></param></params></methodResponse>';

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  silent = net.createServer((socket) => {
    silentConnections += 1;
    socket.on('error', () => undefined);
  });
  silentUrl = await listen(silent);
  halfOdoo = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (body.includes('<methodName>authenticate</methodName>')) {
        halfOdooRequests.authenticate += 1;
        res.writeHead(200, { 'Content-Type': 'text/xml' }).end(uidAnswer);
      } else {
        halfOdooRequests.execute_kw += 1;
      }
    });
  });
  halfOdooUrl = await listen(halfOdoo);
});

afterAll(async () => {
  silent.close();
  halfOdoo.closeAllConnections();
  await new Promise((resolve) => halfOdoo.close(resolve));
});

beforeEach(() => {
  silentConnections = 0;
  halfOdooRequests.authenticate = 0;
  halfOdooRequests.execute_kw = 0;
});

function odooClient(url: string): OdooClient {
  const config = loadAppConfig(
    testEnv({ URL_ODOO: url, DB_ODOO: 'db', USERNAME_ODOO: 'u', PASSWORD_ODOO: 'p', ODOO_TIMEOUT_MS: '150' }),
  );
  return new OdooClient(config, undefined, { initialDelayMs: 5, maxDelayMs: 20 });
}

async function odooFailure(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdooError);
  return error as OdooError;
}

describe('Odoo with a peer that never answers: one budget of 3 requests per call', () => {
  it('a hanging login costs 3 requests in all, not 3 × 3', async () => {
    const odoo = odooClient(silentUrl);
    const error = await odooFailure(odoo.searchCount('res.partner', []));
    expect(error.code).toBe(OdooErrorCode.Timeout);
    expect(silentConnections).toBe(3);
    odoo.onModuleDestroy();
  });

  it('the login is one of the 3 attempts, and the uid is kept for the next call', async () => {
    const odoo = odooClient(halfOdooUrl);
    expect((await odooFailure(odoo.searchRead('res.partner', [], ['name']))).code).toBe(
      OdooErrorCode.Timeout,
    );
    expect(halfOdooRequests).toEqual({ authenticate: 1, execute_kw: 2 });

    expect((await odooFailure(odoo.searchRead('res.partner', [], ['name']))).code).toBe(
      OdooErrorCode.Timeout,
    );
    expect(halfOdooRequests).toEqual({ authenticate: 1, execute_kw: 5 });

    // A create is never sent twice (its answer may be lost after Odoo committed it).
    expect((await odooFailure(odoo.create('res.partner', { name: 'x' }))).code).toBe(OdooErrorCode.Timeout);
    expect(halfOdooRequests).toEqual({ authenticate: 1, execute_kw: 6 });
    odoo.onModuleDestroy();
  });
});

describe('Urcoopa with a peer that never answers', () => {
  it('the deadline of a call covers the WSDL fetch: one timeout, one connection', async () => {
    const config = loadAppConfig(
      testEnv({
        MY_URCOOPA_URL: `${silentUrl}/WS_Sicalait.awws?wsdl`,
        API_KEY_URCOOPA: 'k',
        URCOOPA_TIMEOUT_MS: '150',
      }),
    );
    const urcoopa = new UrcoopaClient(config);
    const error = await urcoopa.getInvoices(1, '2025-10-14').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UrcoopaError);
    expect((error as UrcoopaError).code).toBe(UrcoopaErrorCode.Timeout);
    expect((error as UrcoopaError).message).toBe('Urcoopa Get_Factures: no answer within 150 ms');
    expect(silentConnections).toBe(1);
  });

  describe('through the legacy route of job 1', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp(
        testEnv({
          URCOOPA_ENDPOINT: `${silentUrl}/ws_sicalait/WS_Sicalait.awws`,
          API_KEY_URCOOPA: 'k',
          URCOOPA_TIMEOUT_MS: '150',
        }),
        { startCrons: false } as never,
      );
    });
    afterAll(async () => {
      await app?.close();
    });

    it('answers 502 after 3 attempts of one timeout each', async () => {
      const res = await app.http
        .get('/Recupere_Factures/?nb_jours=1&dateReference=2025-10-14')
        .set('X-API-Key', TEST_API_KEY);
      expect(res.status).toBe(502);
      expect(res.body.failure).toMatchObject({ code: 'URCOOPA_TIMEOUT' });
      expect(silentConnections).toBe(3);
    });
  });
});
