/**
 * How OdooClient reaches Odoo. XML-RPC today (xmlrpc.transport.ts); Odoo 19 deprecates it for
 * JSON-2, which will be another implementation of this interface. Implementations throw OdooError
 * (faults mapped with faultToError, HTTP/network/timeout errors with `transient` set).
 */
export interface OdooTransport {
  /** `service` is 'common' or 'object'; `params` are already checked by toOdooParams. */
  call(service: string, method: string, params: unknown[], context?: TransportCallContext): Promise<unknown>;
  close(): void;
}

export interface TransportCallContext {
  /** For error details only: the model and model method of an execute_kw. */
  model?: string;
  method?: string;
}

export const ODOO_TRANSPORT = Symbol('ODOO_TRANSPORT');
