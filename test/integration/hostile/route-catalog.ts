import type { NestExpressApplication } from '@nestjs/platform-express';

/** What the suite knows of one route: from the Express router (every route) and the OpenAPI document (the API). */
export interface RouteInfo {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax: /api/jobs/runs/:id */
  path: string;
  pathParams: string[];
  queryParams: ParamSpec[];
  /** Body properties (OpenAPI request body, or the usual form fields of the web pages). */
  bodyFields: ParamSpec[];
  bodyType: 'json' | 'form' | null;
  /** In the OpenAPI document (else a web page or form). */
  documented: boolean;
  /** Statuses the OpenAPI document declares for it. */
  responses: number[];
}

export interface ParamSpec {
  name: string;
  type?: string;
  enum?: unknown[];
}

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; schema?: OpenApiSchema }>;
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Fields the web forms post (they have no OpenAPI description): fuzzed on every web form. */
export const WEB_FORM_FIELDS: ParamSpec[] = [
  'numero',
  'numeros',
  'cle',
  'code',
  'odooId',
  'confirmation',
  'commentaire',
  'comment',
  'suite',
  'username',
  'password',
  'params',
  'dateReference',
  'nbJours',
].map((name) => ({ name }));

/** Query parameters of the web pages (filters, pagination, search). */
export const WEB_QUERY_PARAMS: ParamSpec[] = [
  'q',
  'page',
  'mois',
  'statut',
  'categorie',
  'tache',
  'suite',
  'limit',
].map((name) => ({ name }));

function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

/** The routes Express actually serves (Nest's catch-all middleware mounts excluded). */
function expressRoutes(app: NestExpressApplication): Array<{ method: RouteInfo['method']; path: string }> {
  const instance = app.getHttpAdapter().getInstance() as {
    router?: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes: Array<{ method: RouteInfo['method']; path: string }> = [];
  for (const layer of instance.router?.stack ?? []) {
    if (!layer.route || layer.route.path.includes('*')) continue;
    for (const method of METHODS)
      if (layer.route.methods[method]) routes.push({ method, path: layer.route.path });
  }
  return routes;
}

/** Every route of the running app, described as far as the OpenAPI document allows. */
export function discoverRoutes(app: NestExpressApplication, doc: OpenApiDocument): RouteInfo[] {
  const documented = new Map<string, OpenApiOperation>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      documented.set(`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op);
    }
  }
  const seen = new Set<string>();
  const routes: RouteInfo[] = [];
  for (const { method, path } of expressRoutes(app)) {
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = documented.get(key);
    const pathParams = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const queryParams = op
      ? (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            type: resolve(doc, p.schema)?.type,
            enum: resolve(doc, p.schema)?.enum,
          }))
      : WEB_QUERY_PARAMS;
    const bodySchema = resolve(doc, op?.requestBody?.content?.['application/json']?.schema);
    const bodyFields = op
      ? Object.entries(bodySchema?.properties ?? {}).map(([name, s]) => ({
          name,
          type: resolve(doc, s)?.type,
          enum: resolve(doc, s)?.enum,
        }))
      : WEB_FORM_FIELDS;
    const bodyType = method === 'get' ? null : op ? 'json' : 'form';
    routes.push({
      method,
      path,
      pathParams,
      queryParams,
      bodyFields,
      bodyType,
      documented: op !== undefined,
      responses: Object.keys(op?.responses ?? {}).map(Number),
    });
  }
  // An operation documented but not served would be a stale document: kept, so that it is probed too.
  for (const [key, op] of documented) {
    if (seen.has(key)) continue;
    const [method, path] = key.split(' ') as [RouteInfo['method'], string];
    routes.push({
      method,
      path,
      pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
      queryParams: [],
      bodyFields: [],
      bodyType: method === 'get' ? null : 'json',
      documented: true,
      responses: Object.keys(op.responses ?? {}).map(Number),
    });
  }
  return routes;
}

/** A plausible value for a path parameter, so that the request reaches the handler. */
export function placeholder(name: string): string {
  const known: Record<string, string> = {
    id: '1',
    numero: '251004512',
    annee: '2025',
    mois: '10',
    type: 'clients',
    kind: 'adherent',
    name: 'verif-correspondance',
  };
  return known[name] ?? '1';
}

export function fillPath(route: RouteInfo, values: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? placeholder(name)),
  );
}
