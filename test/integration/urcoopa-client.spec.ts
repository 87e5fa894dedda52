import { Logger, type LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config';
import { startUrcoopaSandbox, type UrcoopaFault, type UrcoopaSandbox } from '../../src/sandbox/urcoopa';
import { UrcoopaClient } from '../../src/urcoopa/urcoopa.client';
import { UrcoopaError, UrcoopaErrorCode } from '../../src/urcoopa/urcoopa.error';

const KEY = 'tres-secret-urcoopa-7781';
const REF = '2025-10-14';

/** Every message any Nest logger wrote during the tests. */
const logged: string[] = [];
const capture: LoggerService = {
  log: (m: unknown) => logged.push(JSON.stringify(m)),
  warn: (m: unknown) => logged.push(JSON.stringify(m)),
  error: (m: unknown, ...rest: unknown[]) => logged.push(JSON.stringify([m, ...rest])),
  debug: (m: unknown) => logged.push(JSON.stringify(m)),
  verbose: (m: unknown) => logged.push(JSON.stringify(m)),
};

function client(sandbox: UrcoopaSandbox, env: Record<string, string> = {}): UrcoopaClient {
  return new UrcoopaClient(
    loadAppConfig({
      NODE_ENV: 'test',
      API_KEY_URCOOPA: KEY,
      MY_URCOOPA_URL: sandbox.wsdlUrl,
      URCOOPA_TIMEOUT_MS: '800',
      ...env,
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<UrcoopaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UrcoopaError);
    return error as UrcoopaError;
  }
  throw new Error('expected a failure');
}

describe('UrcoopaClient against the Urcoopa sandbox (real SOAP over HTTP)', () => {
  let sandbox: UrcoopaSandbox;

  beforeAll(async () => {
    Logger.overrideLogger(capture);
    sandbox = await startUrcoopaSandbox({ apiKey: KEY, world: { invoices: 5, referenceDate: REF } });
  });
  afterAll(async () => {
    await sandbox?.close();
    expect(logged.join('\n')).not.toContain(KEY);
  });
  beforeEach(() => sandbox.faults.clear());

  it('sends the parameters unqualified, as the WSDL says, and returns the raw JSON string', async () => {
    const c = client(sandbox);
    const text = await c.getInvoices(30, REF);
    expect(JSON.parse(text).Factures).toHaveLength(5);
    expect(sandbox.calls.last('Get_Factures')).toMatchObject({
      params: { xCleAPI: '***', NbJours: '30', DateReference: REF },
      outcome: 'ok',
    });
    expect(c.callCounts.Get_Factures).toBe(1);
  });

  it('works from the bundled WSDL with URCOOPA_ENDPOINT', async () => {
    const c = client(sandbox, { MY_URCOOPA_URL: '', URCOOPA_ENDPOINT: sandbox.endpoint });
    const text = await c.getDeliveries(30, REF);
    expect(Object.keys(JSON.parse(text))).toEqual(['Livraisons']);
  });

  it('treats "Token API incorrect" as an authentication failure, never as an answer', async () => {
    const error = await failure(client(sandbox).getInvoices(30, REF, { apiKey: 'mauvaise-cle-123456' }));
    expect(error.code).toBe(UrcoopaErrorCode.AuthFailed);
    expect(error.transient).toBe(false);
    expect(error.httpStatus).toBe(502);
    expect(error.details).toMatchObject({ external: true });
    const push = await failure(
      client(sandbox).pushOrder('{"commande":[]}', { apiKey: 'mauvaise-cle-123456' }),
    );
    expect(push.code).toBe(UrcoopaErrorCode.AuthFailed);
  });

  it.each<[string, UrcoopaFault, UrcoopaErrorCode, boolean, RegExp]>([
    ['an HTML 500 page', { http500: true }, UrcoopaErrorCode.HttpError, true, /HTTP 500.*Erreur 500/],
    [
      'a SOAP fault',
      { soapFault: 'Base indisponible' },
      UrcoopaErrorCode.SoapFault,
      true,
      /Base indisponible/,
    ],
    ['no answer in time', { latencyMs: 1500 }, UrcoopaErrorCode.Timeout, true, /800 ms/],
    ['a connection cut mid-answer', { truncatedBody: 'close' }, UrcoopaErrorCode.Network, true, /cut/],
    ['half an XML answer', { truncatedBody: 'end' }, UrcoopaErrorCode.BadResponse, true, /truncated/],
  ])('maps %s to a clear UrcoopaError', async (_name, fault, code, transient, message) => {
    sandbox.faults.inject('Get_Factures', fault);
    const error = await failure(client(sandbox).getInvoices(30, REF));
    expect(error.code).toBe(code);
    expect(error.transient).toBe(transient);
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ external: true, operation: 'Get_Factures' });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(KEY);
  });

  it('reads empty answers as empty strings', async () => {
    const c = client(sandbox);
    for (const variant of ['emptyString', 'emptyObject', 'emptyArrays'] as const) {
      sandbox.faults.inject('Get_Factures', { emptyAnswer: variant, times: 1 });
      const text = await c.getInvoices(30, REF);
      expect(['', '{}', '{"Factures":[]}']).toContain(text);
    }
  });

  it('fails clearly when the WSDL cannot be fetched, and fetches it again at the next call', async () => {
    const c = client(sandbox, { MY_URCOOPA_URL: 'http://127.0.0.1:1/ws_sicalait/WS_Sicalait.awws?wsdl' });
    const error = await failure(c.getInvoices(30, REF));
    expect(error.code).toBe(UrcoopaErrorCode.WsdlUnavailable);
    expect(error.transient).toBe(true);
  });

  it('refuses to run without any Urcoopa address', async () => {
    const c = new UrcoopaClient(loadAppConfig({ NODE_ENV: 'test', API_KEY_URCOOPA: KEY }));
    expect((await failure(c.getInvoices(30, REF))).code).toBe(UrcoopaErrorCode.NotConfigured);
  });
});
