import type { Readable } from 'node:stream';
import { Agent } from 'undici';

export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** The one way the gateway talks HTTP to providers; tests may pass their own. */
export interface UpstreamHttpClient {
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * undici's Agent keeps one keep-alive Pool per upstream origin. Timeouts are the router's job
 * (per channel, via the abort signal), so undici's own header/body timeouts are off.
 */
export function createUpstreamHttpClient(
  options: { connectionsPerOrigin?: number } = {},
): UpstreamHttpClient {
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? 256,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    async send(request) {
      const url = new URL(request.url);
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    },
    // destroy, not close: close() waits for in-flight exchanges, and a hung upstream stream would block shutdown.
    close: () => agent.destroy(),
  };
}

/** Reads a whole upstream body into one buffer. */
export async function readUpstreamBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** A header value as one string (undici gives arrays for repeated headers). */
export function readHeader(headers: UpstreamResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
