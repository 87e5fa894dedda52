import { fillPath, type ParamSpec, type RouteInfo } from './route-catalog';

/** One hostile request: already-encoded path and query, a raw body and its content type. */
export interface FuzzCase {
  label: string;
  method: RouteInfo['method'];
  url: string;
  body?: string;
  contentType?: string;
}

/** Strings a client may send anywhere (path, query, form field, JSON string). */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(5000),
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '\u0000nul',
  '<script>alert(1)</script>',
  "-2+3+cmd|' /C calc'!A0",
  '{{constructor.constructor("x")()}}',
  '😀'.repeat(50),
  'NaN',
  '-1',
  '0',
  '1e308',
  '9223372036854775808',
  '2025-13-45',
  '__proto__',
];

/** JSON values for a body property. */
export const HOSTILE_JSON_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e308,
  2 ** 63,
  '',
  'x'.repeat(5000),
  '\ud800broken-surrogate',
  [],
  ['a', 1, null],
  {},
  { $gt: '' },
  Array.from({ length: 3000 }, (_, i) => String(i)),
];

/** Whole JSON bodies (raw text): wrong shapes, deep nesting, prototype pollution, broken syntax. */
export const HOSTILE_JSON_BODIES = [
  'null',
  '[]',
  '"text"',
  '12',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  `{"a":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
  '{"params":',
  '{"a":1,"a":2}',
  `{"k":"${'x'.repeat(200_000)}"}`,
];

/** Query strings that try the secret parameter's other spellings (with the real key: it must never be logged). */
export function secretQueries(secret: string): string[] {
  return [
    `xCle%41PI=${secret}`,
    `%78CleAPI=${secret}`,
    `xCleAPI=${secret}&xCleAPI=${secret}`,
    `xCleAPI[]=${secret}`,
  ];
}

const enc = encodeURIComponent;

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

function queryCases(route: RouteInfo): FuzzCase[] {
  const path = fillPath(route);
  const cases: FuzzCase[] = [];
  const params: ParamSpec[] = route.queryParams.slice(0, 6);
  for (const p of params) {
    for (const value of HOSTILE_STRINGS) {
      cases.push({
        label: `query ${p.name}`,
        method: route.method,
        url: withQuery(path, `${enc(p.name)}=${enc(value)}`),
      });
    }
    cases.push({
      label: `query ${p.name} array`,
      method: route.method,
      url: withQuery(path, `${p.name}=1&${p.name}=2`),
    });
    cases.push({
      label: `query ${p.name} object`,
      method: route.method,
      url: withQuery(path, `${p.name}[a][b]=1`),
    });
  }
  cases.push({
    label: 'query unknown parameters',
    method: route.method,
    url: withQuery(path, Array.from({ length: 200 }, (_, i) => `p${i}=${i}`).join('&')),
  });
  cases.push({
    label: 'query broken encoding',
    method: route.method,
    url: withQuery(path, 'a=%E0%A4%A&b=%'),
  });
  return cases;
}

function pathCases(route: RouteInfo): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const name of route.pathParams) {
    for (const value of HOSTILE_STRINGS) {
      cases.push({ label: `path ${name}`, method: route.method, url: fillPath(route, { [name]: value }) });
    }
    cases.push({
      label: `path ${name} raw`,
      method: route.method,
      url: route.path.replace(`:${name}`, '%E0%A4%A').replace(/:(\w+)/g, '1'),
    });
  }
  return cases;
}

function jsonBodyCases(route: RouteInfo): FuzzCase[] {
  const url = fillPath(route);
  const json = (label: string, body: string, contentType = 'application/json'): FuzzCase => ({
    label,
    method: route.method,
    url,
    body,
    contentType,
  });
  const cases = HOSTILE_JSON_BODIES.map((b, i) => json(`json body ${i}`, b));
  cases.push(json('charset', '{"a":1}', 'application/json; charset=bogus'));
  cases.push(json('text/plain', 'hello', 'text/plain'));
  cases.push(
    json(
      'xml',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY y SYSTEM "file:///etc/passwd">]><x>&y;</x>',
      'application/xml',
    ),
  );
  cases.push(json('gzip claimed', 'not gzip', 'application/json'));
  for (const field of route.bodyFields.slice(0, 8)) {
    for (const value of HOSTILE_JSON_VALUES)
      cases.push(json(`json ${field.name}`, JSON.stringify({ [field.name]: value })));
  }
  return cases;
}

function formBodyCases(route: RouteInfo): FuzzCase[] {
  const url = fillPath(route);
  const form = (label: string, body: string): FuzzCase => ({
    label,
    method: route.method,
    url,
    body,
    contentType: 'application/x-www-form-urlencoded',
  });
  const cases: FuzzCase[] = [
    form('form empty', ''),
    form('form too many fields', Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&')),
    form('form deep', `a${'[a]'.repeat(40)}=1`),
    form('form pollution', '__proto__[polluted]=1&constructor[prototype][polluted]=1'),
    form('form broken encoding', 'a=%E0%A4%A&b=%'),
    {
      label: 'form charset',
      method: route.method,
      url,
      body: 'a=1',
      contentType: 'application/x-www-form-urlencoded; charset=bogus',
    },
  ];
  for (const field of route.bodyFields) {
    for (const value of HOSTILE_STRINGS) {
      cases.push(form(`form ${field.name}`, `${enc(field.name)}=${enc(value)}`));
    }
    cases.push(form(`form ${field.name} array`, `${field.name}[]=1&${field.name}[]=2`));
    cases.push(form(`form ${field.name} object`, `${field.name}[a]=1`));
  }
  return cases;
}

/** Evenly spread picks, so that every kind of case keeps some. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

/**
 * The fuzz cases of one route: at most `max`, spread over the path, the query and the body, and
 * always the secret's spellings (they must never reach a log).
 */
export function fuzzCases(route: RouteInfo, secret: string, max = 40): FuzzCase[] {
  const secrets = secretQueries(secret).map((q) => ({
    label: 'query secret',
    method: route.method,
    url: withQuery(fillPath(route), q),
  }));
  const body =
    route.bodyType === 'json' ? jsonBodyCases(route) : route.bodyType === 'form' ? formBodyCases(route) : [];
  const params = [...pathCases(route), ...queryCases(route)];
  const room = max - secrets.length;
  const forBody = body.length === 0 ? 0 : Math.min(body.length, Math.ceil(room / 2));
  return [...secrets, ...spread(body, forBody), ...spread(params, room - forBody)];
}
