import { PassThrough } from 'node:stream';
import { PyDouble } from './orm';

// The xmlrpc package ships no typings for its (de)serializer modules.
/* eslint-disable @typescript-eslint/no-require-imports */
const Serializer = require('xmlrpc/lib/serializer') as {
  serializeMethodResponse(value: unknown): string;
  serializeFault(fault: unknown): string;
};
const Deserializer = require('xmlrpc/lib/deserializer') as new () => {
  deserializeMethodCall(
    stream: NodeJS.ReadableStream,
    cb: (err: Error | null | undefined, method: string, params: unknown[]) => void,
  ): void;
};
const CustomType = require('xmlrpc/lib/customtype') as new (raw: string) => { tagName: string };
/* eslint-enable @typescript-eslint/no-require-imports */

class DoubleValue extends CustomType {
  override tagName = 'double';
}

export function parseMethodCall(body: Buffer): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    const stream = new PassThrough();
    new Deserializer().deserializeMethodCall(stream, (err, method, params) => {
      if (err) reject(err);
      else resolve({ method, params: params ?? [] });
    });
    stream.end(body);
  });
}

/** Python floats go out as <double> even when whole (the package would write <int>). */
function toWire(value: unknown): unknown {
  if (value instanceof PyDouble) {
    const s = String(value.value);
    return new DoubleValue(/[.e]/.test(s) ? s : `${s}.0`);
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

/** True if Python would meet a None while marshalling (allow_none is off in Odoo). */
export function containsNone(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (value instanceof PyDouble || value instanceof Date) return false;
  if (Array.isArray(value)) return value.some(containsNone);
  if (typeof value === 'object') return Object.values(value as object).some(containsNone);
  return false;
}

export function serializeResult(value: unknown): string {
  return Serializer.serializeMethodResponse(toWire(value));
}

export function serializeFault(faultCode: number, faultString: string): string {
  return Serializer.serializeFault({ faultCode, faultString });
}
