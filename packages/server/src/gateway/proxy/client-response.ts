import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Writes to the caller's socket with backpressure, and knows when the caller has gone. */
export interface ClientResponse {
  readonly raw: ServerResponse;
  /** Aborted when the caller closes the connection before the response has ended. */
  readonly goneSignal: AbortSignal;
  isGone(): boolean;
  start(status: number, headers: Record<string, string | number | string[]>): void;
  write(chunk: string | Buffer): Promise<void>;
  end(chunk?: string | Buffer): void;
}

export function createClientResponse(
  raw: ServerResponse,
  baseHeaders: Record<string, string | number | string[]>,
): ClientResponse {
  const gone = new AbortController();
  raw.on('close', () => {
    if (raw.writableFinished) return;
    gone.abort();
    // The response will never end properly; drop the socket so it cannot linger half-open.
    raw.destroy();
  });
  return {
    raw,
    goneSignal: gone.signal,
    isGone: () => gone.signal.aborted,
    start(status, headers) {
      raw.writeHead(status, { ...baseHeaders, ...headers });
    },
    async write(chunk) {
      if (gone.signal.aborted || chunk.length === 0) return;
      if (raw.write(chunk)) return;
      // Wait for the socket to drain, or for the caller to leave (then 'drain' never comes).
      await Promise.race([once(raw, 'drain'), once(gone.signal, 'abort')]);
    },
    end(chunk) {
      if (!gone.signal.aborted) raw.end(chunk);
    },
  };
}
