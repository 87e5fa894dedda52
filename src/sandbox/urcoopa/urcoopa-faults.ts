import type { UrcoopaCallOutcome, UrcoopaOperation } from './urcoopa-call-log';
import { toUrcoopaJson } from './urcoopa-json';

/**
 * One fault rule. Several flags may be combined (latency + anything else); `times` limits how many
 * calls it applies to, otherwise it stays until cleared.
 */
export interface UrcoopaFault {
  /** Wait this long before answering (the request is still processed if the client gives up). */
  latencyMs?: number;
  /** Answer HTTP 500 with an HTML error page instead of SOAP. Nothing is processed. */
  http500?: boolean;
  /** Answer a SOAP 1.1 Fault (HTTP 500); a string sets the faultstring. Nothing is processed. */
  soapFault?: boolean | string;
  /** Get operations: the JSON string is not valid JSON (an unescaped quote in a label). */
  malformedJson?: boolean;
  /** Get operations: one record with a missing key field or a wrongly typed one, among good ones. */
  badInvoice?: boolean | 'missingField' | 'wrongType';
  /**
   * Cut the HTTP body in half: 'close' (default) announces the full Content-Length then drops the
   * connection; 'end' sends half the XML as a complete response. The call IS processed (a pushed
   * order is recorded although the client never sees the answer).
   */
  truncatedBody?: boolean | 'close' | 'end';
  /** Answer nothing: '' (default), '{}', or the usual key with an empty array. */
  emptyAnswer?: boolean | 'emptyString' | 'emptyObject' | 'emptyArrays';
  /** Apply to this many calls, then vanish. Omitted: until `clear()`. */
  times?: number;
}

const GET_ONLY: (keyof UrcoopaFault)[] = ['malformedJson', 'badInvoice'];
const DEFAULT_FAULTSTRING = "Erreur d'exécution du Webservice WS_Sicalait";

interface Rule {
  fault: UrcoopaFault;
  remaining: number;
}

/** Fault injection per operation ('*' = any operation). Rules of an operation apply in the order given. */
export class UrcoopaFaults {
  private readonly rules = new Map<UrcoopaOperation | '*', Rule[]>();

  inject(operation: UrcoopaOperation | '*', fault: UrcoopaFault): this {
    if (operation === 'Push_Commandes') {
      const bad = GET_ONLY.filter((k) => fault[k]);
      if (bad.length > 0) throw new Error(`${bad.join(', ')} only apply to Get_Factures / Get_Livraisons`);
    }
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
      throw new Error('times must be a positive integer');
    }
    const list = this.rules.get(operation) ?? [];
    list.push({ fault: { ...fault }, remaining: fault.times ?? Infinity });
    this.rules.set(operation, list);
    return this;
  }

  clear(operation?: UrcoopaOperation | '*'): void {
    if (operation) this.rules.delete(operation);
    else this.rules.clear();
  }

  /** Active rules for an operation (its own and '*'). */
  pending(operation?: UrcoopaOperation): number {
    if (!operation) return [...this.rules.values()].reduce((n, l) => n + l.length, 0);
    return (this.rules.get(operation)?.length ?? 0) + (this.rules.get('*')?.length ?? 0);
  }

  /** The fault for this call, if any; consumes one use of it. */
  take(operation: UrcoopaOperation): UrcoopaFault | undefined {
    for (const key of [operation, '*'] as const) {
      const list = this.rules.get(key);
      const rule = list?.[0];
      if (!list || !rule) continue;
      if (key === '*' && operation === 'Push_Commandes' && GET_ONLY.some((k) => rule.fault[k])) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) list.shift();
      return rule.fault;
    }
    return undefined;
  }
}

export function soapFaultOf(fault: UrcoopaFault): {
  faultcode: string;
  faultstring: string;
  statusCode: number;
} {
  const text = typeof fault.soapFault === 'string' ? fault.soapFault : DEFAULT_FAULTSTRING;
  return { faultcode: 'soap:Server', faultstring: text, statusCode: 500 };
}

/** A record that breaks the contract, built from a good one. */
function badRecord(key: string, template: Record<string, unknown>, variant: string): Record<string, unknown> {
  const bad = structuredClone(template);
  const invoice = key === 'Factures';
  const id = invoice ? 'Numero_Facture' : 'Numero_BL';
  if (variant === 'wrongType') {
    bad[id] = `9${String(bad[id] ?? '')}`;
    if (invoice) bad.Montant_HT = 'N/A';
    else bad.Date_BL = '00/00/0000';
  } else {
    delete bad[id];
  }
  return bad;
}

/** The JSON string a Get operation answers, with the answer-level fault applied. */
export function getAnswer(
  key: 'Factures' | 'Livraisons',
  records: object[],
  template: object | undefined,
  fault: UrcoopaFault | undefined,
): { text: string; outcome: UrcoopaCallOutcome } {
  if (fault?.emptyAnswer) {
    const variant = fault.emptyAnswer === true ? 'emptyString' : fault.emptyAnswer;
    const text =
      variant === 'emptyString' ? '' : variant === 'emptyObject' ? '{}' : toUrcoopaJson({ [key]: [] });
    return { text, outcome: 'emptyAnswer' };
  }
  let list = records;
  let outcome: UrcoopaCallOutcome = 'ok';
  if (fault?.badInvoice) {
    const variant = fault.badInvoice === true ? 'missingField' : fault.badInvoice;
    const base = (records[0] ??
      template ?? { [key === 'Factures' ? 'Numero_Facture' : 'Numero_BL']: '0' }) as Record<string, unknown>;
    const middle = Math.floor(records.length / 2);
    list = [...records.slice(0, middle), badRecord(key, base, variant), ...records.slice(middle)];
    outcome = 'badInvoice';
  }
  let text = toUrcoopaJson({ [key]: list });
  if (fault?.malformedJson) {
    // Hand-built JSON on the WebDev side: a label with an unescaped quote, the classic breakage.
    const label = /"Libelle_Produit":"([^"]*)"/.exec(text);
    text = label ? text.replace(label[0], `"Libelle_Produit":"${label[1]} "SPECIAL""`) : text.slice(0, -1);
    outcome = 'malformedJson';
  }
  return { text, outcome };
}
