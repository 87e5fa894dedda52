/**
 * Odoo's exceptions as they reach an XML-RPC client (odoo/addons/base/controllers/rpc.py,
 * xmlrpc_handle_exception_int): UserError/ValidationError/MissingError → 2, AccessDenied → 3,
 * AccessError → 4, anything else → 1 with the full traceback text (its last line is the message).
 */

export const FAULT_APPLICATION = 1;
export const FAULT_WARNING = 2;
export const FAULT_ACCESS_DENIED = 3;
export const FAULT_ACCESS_ERROR = 4;

export class OdooFault extends Error {
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
  ) {
    super(faultString);
  }
}

/** Odoo's UserError / ValidationError / MissingError: code 2, the message as is. */
export function userError(message: string): OdooFault {
  return new OdooFault(FAULT_WARNING, message);
}

export function accessDenied(): OdooFault {
  return new OdooFault(FAULT_ACCESS_DENIED, 'Access Denied');
}

export function accessError(message: string): OdooFault {
  return new OdooFault(FAULT_ACCESS_ERROR, message);
}

const RPC_FRAMES: [string, number, string, string][] = [
  ['odoo/addons/base/controllers/rpc.py', 150, 'xmlrpc_2', 'response = self._xmlrpc(service)'],
  ['odoo/addons/base/controllers/rpc.py', 127, '_xmlrpc', 'result = dispatch_rpc(service, method, params)'],
  ['odoo/http.py', 368, 'dispatch_rpc', 'return dispatch(method, params)'],
];

const OBJECT_FRAMES: [string, number, string, string][] = [
  ['odoo/service/model.py', 39, 'dispatch', 'res = execute_kw(db, uid, *params[3:])'],
  ['odoo/service/model.py', 63, 'execute_kw', 'return execute(db, uid, obj, method, *args, **kw or {})'],
  ['odoo/service/model.py', 71, 'execute', 'res = execute_cr(cr, uid, obj, method, *args, **kw)'],
  [
    'odoo/service/model.py',
    55,
    'execute_cr',
    'result = retrying(partial(odoo.api.call_kw, recs, method, args, kw), env)',
  ],
  ['odoo/service/model.py', 156, 'retrying', 'result = func()'],
  ['odoo/api.py', 466, 'call_kw', 'result = _call_kw_multi(method, model, args, kwargs)'],
];

const ROOT = '/usr/lib/python3/dist-packages/';

function formatFrames(frames: [string, number, string, string][]): string {
  return frames
    .map(([file, line, fn, code]) => `  File "${ROOT}${file}", line ${line}, in ${fn}\n    ${code}\n`)
    .join('');
}

/**
 * A Python exception that is not a UserError: code 1, the text of traceback.format_exception()
 * (it ends with a newline; its last line is `<ExceptionType>: <message>`).
 */
export function pythonError(
  excType: string,
  message: string,
  where: 'object' | 'common' | 'marshal' = 'object',
  extraFrames: [string, number, string, string][] = [],
): OdooFault {
  let frames = RPC_FRAMES;
  if (where === 'object') frames = [...RPC_FRAMES, ...OBJECT_FRAMES, ...extraFrames];
  if (where === 'common') frames = [...RPC_FRAMES, ...extraFrames];
  if (where === 'marshal') {
    frames = [
      RPC_FRAMES[0],
      [
        'odoo/addons/base/controllers/rpc.py',
        129,
        '_xmlrpc',
        'return dumps((result,), methodresponse=1, allow_none=False)',
      ],
      ['/usr/lib/python3.10/xmlrpc/client.py', 1032, 'dumps', 'data = m.dumps(params)'],
      ['/usr/lib/python3.10/xmlrpc/client.py', 568, 'dumps', 'dump(v, write)'],
      ['/usr/lib/python3.10/xmlrpc/client.py', 590, '__dump', 'f(self, value, write)'],
      [
        '/usr/lib/python3.10/xmlrpc/client.py',
        594,
        'dump_nil',
        'raise TypeError("cannot marshal None unless allow_none is enabled")',
      ],
    ];
  }
  const text = `Traceback (most recent call last):\n${formatFrames(frames).replaceAll(`${ROOT}/usr`, '/usr')}${excType}: ${message}\n`;
  return new OdooFault(FAULT_APPLICATION, text);
}

export const valueError = (message: string) => pythonError('ValueError', message);
export const typeError = (message: string) => pythonError('TypeError', message);
export const attributeError = (message: string) => pythonError('AttributeError', message);

/** What Python's repr() prints for the JSON-like values XML-RPC carries. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === 'string') {
    if (value.includes("'") && !value.includes('"')) return `"${value}"`;
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
  }
  if (value instanceof Date) return `<DateTime '${value.toISOString()}'>`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python's float repr: shortest round-trip digits, always with a decimal point. */
export function pyFloat(value: number): string {
  const s = String(value);
  return /[.e]/.test(s) || !Number.isFinite(value) ? s : `${s}.0`;
}

export function pyTuple(values: unknown[]): string {
  return `(${values.map(pyRepr).join(', ')}${values.length === 1 ? ',' : ''})`;
}
