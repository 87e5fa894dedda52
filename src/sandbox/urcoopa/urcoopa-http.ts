/** HTTP and XML helpers of the Urcoopa sandbox's front handler (before soap sees the request). */
import type { IncomingMessage } from 'node:http';
import { URCOOPA_OPERATIONS, type UrcoopaOperation } from './urcoopa-call-log';

const PARAM =
  /<(?:[\w.-]+:)?(xCleAPI|NbJours|DateReference|jCommande)(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?\1>/g;
const OPERATION_ELEMENT = /<(?:[\w.-]+:)?(Get_Factures|Get_Livraisons|Push_Commandes)[\s/>]/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(value);
  if (cdata) return cdata[1];
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[\da-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITIES[e.toLowerCase()],
  );
}

export function extractParams(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of body.matchAll(PARAM)) params[m[1]] = unescapeXml(m[2]);
  return params;
}

export function detectOperation(
  soapAction: string | string[] | undefined,
  body: string,
): UrcoopaOperation | null {
  const action = (Array.isArray(soapAction) ? soapAction[0] : (soapAction ?? '')).replace(/"/g, '');
  const fromAction = action.slice(action.lastIndexOf('/') + 1);
  const fromBody = OPERATION_ELEMENT.exec(body)?.[1] ?? '';
  const found =
    URCOOPA_OPERATIONS.find((op) => op === fromAction) ?? URCOOPA_OPERATIONS.find((op) => op === fromBody);
  return found ?? null;
}

/** xsd:date arrives as a Date (soap parses it); keep the calendar day that was sent. */
export function dayOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const ERROR_500_PAGE =
  '<html><head><title>Erreur 500</title></head><body><h1>Erreur interne du serveur</h1>' +
  "<p>Le serveur d'application WEBDEV a rencontré une erreur lors de l'exécution du Webservice.</p></body></html>";
