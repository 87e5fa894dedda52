import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooError, OdooErrorCode } from '../../src/odoo/odoo.error';
import { XmlRpcTransport } from '../../src/odoo/xmlrpc.transport';

/** A server answering whatever the test sets, to check what the Odoo sandbox never sends. */
let answer: { status: number; type: string; body: string };
let server: http.Server;
let transport: XmlRpcTransport;

const response = (value: string) =>
  `<?xml version="1.0"?><methodResponse><params><param><value>${value}</value></param></params></methodResponse>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  transport = new XmlRpcTransport({ url: `http://127.0.0.1:${port}/odoo`, timeoutMs: 2_000 });
});

afterAll(async () => {
  transport.close();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdooError);
  return error as OdooError;
}

describe('XmlRpcTransport', () => {
  it('decodes <i8> as numbers (strings beyond 2^53), doubles, booleans, structs', async () => {
    answer = {
      status: 200,
      type: 'text/xml; charset=utf-8',
      body: response(
        '<struct><member><name>id</name><value><i8>4294967296</i8></value></member>' +
          '<member><name>big</name><value><i8>90071992547409930</i8></value></member>' +
          '<member><name>amount</name><value><double>1887.4</double></value></member>' +
          '<member><name>ref</name><value><boolean>0</boolean></value></member>' +
          '<member><name>name</name><value>no type tag</value></member></struct>',
      ),
    };
    expect(await transport.call('object', 'execute_kw', [])).toEqual({
      id: 4294967296,
      big: '90071992547409930',
      amount: 1887.4,
      ref: false,
      name: 'no type tag',
    });
  });

  it('HTTP 200 with HTML is BAD_RESPONSE (not a parser crash), not transient', async () => {
    answer = { status: 200, type: 'text/html', body: '<html><body>Maintenance en cours</body></html>' };
    const error = await failure(transport.call('common', 'version', []));
    expect(error.code).toBe(OdooErrorCode.BadResponse);
    expect(error.message).toBe('Odoo answered HTTP 200 with text/html instead of XML');
    expect(error.details).toMatchObject({ bodyStart: 'Maintenance en cours' });
    expect(error.transient).toBe(false);
  });

  it('malformed XML is BAD_RESPONSE; a 404 is a non-transient HTTP_ERROR; a 503 is transient', async () => {
    answer = { status: 200, type: 'text/xml', body: '<methodResponse><params>' };
    expect((await failure(transport.call('common', 'version', []))).code).toBe(OdooErrorCode.BadResponse);

    answer = { status: 404, type: 'text/html', body: '<h1>Not Found</h1>' };
    const notFound = await failure(transport.call('common', 'version', []));
    expect(notFound).toMatchObject({ code: OdooErrorCode.HttpError, transient: false });
    expect(notFound.message).toBe('Odoo answered HTTP 404 (text/html)');

    answer = { status: 503, type: 'text/plain', body: 'busy' };
    expect(await failure(transport.call('common', 'version', []))).toMatchObject({ transient: true });
  });

  it('a refused connection is a transient NETWORK_ERROR', async () => {
    const closed = new XmlRpcTransport({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    const error = await failure(closed.call('common', 'version', []));
    expect(error).toMatchObject({ code: OdooErrorCode.NetworkError, transient: true });
    closed.close();
  });

  it('an empty URL_ODOO is a clear configuration error', () => {
    expect(() => new XmlRpcTransport({ url: '', timeoutMs: 1 })).toThrow('URL_ODOO is not set');
  });
});
