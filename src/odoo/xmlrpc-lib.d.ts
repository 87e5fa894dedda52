// The xmlrpc package's serializer and deserializer (its client is not used: see xmlrpc.transport.ts).
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodCall(method: string, params?: unknown[], encoding?: string): string;
}

declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';

  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(
      stream: Readable,
      callback: (error: Error | null, value: unknown) => void,
    ): void;
  }
  export = Deserializer;
}
