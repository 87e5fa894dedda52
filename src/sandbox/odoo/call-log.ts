export type CallOutcome = 'pending' | 'result' | 'fault' | 'html502' | 'html504' | 'reset' | 'hang';

export interface OdooCallEntry {
  seq: number;
  at: Date;
  /** 'common' or 'object'. */
  service: string;
  /** The XML-RPC method: 'authenticate', 'execute_kw', … */
  rpcMethod: string;
  /** For execute_kw / execute: the model and the model's method. */
  model?: string;
  method?: string;
  outcome: CallOutcome;
  faultCode?: number;
  /** The change was committed (a result, a None fault, or an injected commit-then-fail). */
  committed: boolean;
  durationMs: number;
}

/** Every XML-RPC call the sandbox received, for tests and benches. */
export class OdooCallLog {
  readonly entries: OdooCallEntry[] = [];
  private seq = 0;

  start(service: string, rpcMethod: string, model?: string, method?: string): OdooCallEntry {
    const entry: OdooCallEntry = {
      seq: ++this.seq,
      at: new Date(),
      service,
      rpcMethod,
      model,
      method: method ?? (model ? undefined : rpcMethod),
      outcome: 'pending',
      committed: false,
      durationMs: 0,
    };
    this.entries.push(entry);
    return entry;
  }

  /** Calls received, optionally only for one model and/or one method ('search_read', 'authenticate'…). */
  count(model?: string, method?: string): number {
    return this.entries.filter(
      (e) => (model === undefined || e.model === model) && (method === undefined || e.method === method),
    ).length;
  }

  /** Per "model.method" (or the RPC method for common calls). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) {
      const key = e.model ? `${e.model}.${String(e.method)}` : e.rpcMethod;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  reset(): void {
    this.entries.length = 0;
  }
}
