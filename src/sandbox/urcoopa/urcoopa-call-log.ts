export type UrcoopaOperation = 'Get_Factures' | 'Get_Livraisons' | 'Push_Commandes';
export const URCOOPA_OPERATIONS: readonly UrcoopaOperation[] = [
  'Get_Factures',
  'Get_Livraisons',
  'Push_Commandes',
];

export type UrcoopaCallOutcome =
  /** Answered normally (an acknowledgement for Push_Commandes). */
  | 'ok'
  | 'bad-token'
  /** Push_Commandes answered an `ERREUR : …` text. */
  | 'rejected'
  /** NbJours / DateReference not usable: SOAP fault (soap:Client). */
  | 'invalid-params'
  /** Not a SOAP call soap could dispatch (empty body, bad XML, unknown operation). */
  | 'invalid-request'
  | 'http500'
  | 'soapFault'
  | 'truncatedBody'
  | 'malformedJson'
  | 'badInvoice'
  | 'emptyAnswer';

export interface UrcoopaCall {
  /** null when the request named no known operation. */
  operation: UrcoopaOperation | null;
  /** Raw parameter texts; xCleAPI is redacted. */
  params: Record<string, string>;
  /** ISO timestamp of reception. */
  at: string;
  outcome: UrcoopaCallOutcome;
  /** Latency injected before answering (0 if none). */
  latencyMs: number;
  /** Records returned by a Get operation. */
  records?: number;
  /** The text answered by Push_Commandes. */
  answer?: string;
}

export const REDACTED = '***';

/** Every call the sandbox received, in order. */
export class UrcoopaCallLog {
  readonly entries: UrcoopaCall[] = [];

  record(operation: UrcoopaOperation | null, params: Record<string, string>): UrcoopaCall {
    const redacted = 'xCleAPI' in params ? { ...params, xCleAPI: REDACTED } : { ...params };
    const call: UrcoopaCall = {
      operation,
      params: redacted,
      at: new Date().toISOString(),
      outcome: 'invalid-request',
      latencyMs: 0,
    };
    this.entries.push(call);
    return call;
  }

  count(operation?: UrcoopaOperation): number {
    return operation ? this.entries.filter((c) => c.operation === operation).length : this.entries.length;
  }

  last(operation?: UrcoopaOperation): UrcoopaCall | undefined {
    const calls = operation ? this.entries.filter((c) => c.operation === operation) : this.entries;
    return calls[calls.length - 1];
  }

  reset(): void {
    this.entries.length = 0;
  }
}
