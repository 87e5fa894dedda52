/** Which calls a fault applies to; every field narrows it. */
export interface FaultMatch {
  /** Only execute_kw/execute calls on this model. */
  model?: string;
  /** Only this model method (or common method such as 'authenticate'). */
  method?: string;
  /** Trigger on the Nth matching call from now (1 = the next one). */
  nth?: number;
  /** How many calls it applies to once triggered (default 1). */
  times?: number;
  /** Applies to every matching call until clear() (same as times: Infinity). */
  persistent?: boolean;
}

export type FaultKind = 'latency' | 'html502' | 'html504' | 'reset' | 'hang' | 'fault';

export interface FaultRule {
  kind: FaultKind;
  match: FaultMatch;
  /** Perform the call (and commit) before failing the answer. */
  commit: boolean;
  latencyMs?: number;
  faultCode?: number;
  faultString?: string;
  seen: number;
  remaining: number;
}

export interface CallInfo {
  model?: string;
  method?: string;
}

/**
 * Fault injection for the Odoo sandbox. Terminal faults (HTML pages, resets, hangs, faults) can
 * happen before the call runs or after it committed (`commit: true`): the latter is what makes
 * duplicates in real life — the client sees an error although Odoo created the record.
 */
export class OdooFaults {
  private rules: FaultRule[] = [];

  /** Adds `ms` of latency before the call runs. */
  latency(ms: number, match: FaultMatch = {}): this {
    return this.add('latency', match, false, { latencyMs: ms });
  }

  /** An nginx "502 Bad Gateway" HTML page (status 502, text/html). */
  html502(match: FaultMatch & { commit?: boolean } = {}): this {
    return this.add('html502', match, match.commit ?? false);
  }

  /** An nginx "504 Gateway Time-out" HTML page; with commit: true the call ran anyway. */
  html504(match: FaultMatch & { commit?: boolean } = {}): this {
    return this.add('html504', match, match.commit ?? false);
  }

  /** Destroys the connection without an answer (ECONNRESET / socket hang up for the client). */
  reset(match: FaultMatch & { commit?: boolean } = {}): this {
    return this.add('reset', match, match.commit ?? false);
  }

  /** An XML-RPC fault answer (HTTP 200 text/xml) instead of running the call. */
  fault(faultCode: number, faultString: string, match: FaultMatch & { commit?: boolean } = {}): this {
    return this.add('fault', match, match.commit ?? false, { faultCode, faultString });
  }

  /**
   * Runs and commits the call, then never answers: 'hang' keeps the connection open until the
   * client gives up (a timeout), 'reset' destroys it.
   */
  commitThenDrop(match: FaultMatch & { mode?: 'hang' | 'reset' } = {}): this {
    return this.add(match.mode === 'reset' ? 'reset' : 'hang', match, true);
  }

  clear(): void {
    this.rules = [];
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  /** The rules that fire for this call (consuming them). */
  take(call: CallInfo): FaultRule[] {
    const fired: FaultRule[] = [];
    for (const rule of this.rules) {
      const { model, method, nth } = rule.match;
      if (model !== undefined && model !== call.model) continue;
      if (method !== undefined && method !== call.method) continue;
      rule.seen++;
      if (nth !== undefined && rule.seen < nth) continue;
      if (rule.remaining <= 0) continue;
      rule.remaining--;
      fired.push(rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return fired;
  }

  private add(kind: FaultKind, match: FaultMatch, commit: boolean, extra: Partial<FaultRule> = {}): this {
    const remaining = match.persistent ? Infinity : (match.times ?? 1);
    this.rules.push({ kind, match, commit, seen: 0, remaining, ...extra });
    return this;
  }
}

export const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
export const HTML_504 =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
