import xmlrpc from 'xmlrpc';
import type { OdooSandbox } from '../../src/sandbox/odoo';

/** An independent client of the Odoo sandbox: the xmlrpc package's, as a Python script would use. */
export interface TestOdooClient {
  common(method: string, params: unknown[]): Promise<unknown>;
  object(method: string, params: unknown[]): Promise<unknown>;
  /** execute_kw as the API user. */
  x(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<unknown>;
}

export interface RpcFailure {
  faultCode?: number;
  faultString?: string;
  message: string;
  code?: string;
  body?: string;
  statusCode?: number;
}

function promisify(client: xmlrpc.Client, method: string, params: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.methodCall(method, params, (err, value) => (err ? reject(err as Error) : resolve(value)));
  });
}

export function odooClient(sb: OdooSandbox): TestOdooClient {
  const common = xmlrpc.createClient({ url: `${sb.url}/xmlrpc/2/common` });
  const object = xmlrpc.createClient({ url: `${sb.url}/xmlrpc/2/object` });
  return {
    common: (m, p) => promisify(common, m, p),
    object: (m, p) => promisify(object, m, p),
    x: (model, method, args, kwargs = {}) =>
      promisify(object, 'execute_kw', [sb.db, sb.uid, sb.password, model, method, args, kwargs]),
  };
}

/** The error a call failed with (faults and transport errors alike); fails if it succeeded. */
export async function failure(p: Promise<unknown>): Promise<RpcFailure> {
  try {
    const v = await p;
    throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
  } catch (e) {
    const err = e as RpcFailure & { res?: { statusCode?: number } };
    if (err.message?.startsWith('expected a failure')) throw e;
    return {
      faultCode: err.faultCode,
      faultString: err.faultString,
      message: err.message,
      code: err.code,
      body: err.body,
      statusCode: err.res?.statusCode,
    };
  }
}

/** The last line of a Python traceback. */
export function lastLine(text: string | undefined): string {
  return (text ?? '').trimEnd().split('\n').pop() ?? '';
}
