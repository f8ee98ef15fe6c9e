import { createSseEventSplitter } from '../sse/index.js';
import type { ClientResponse } from './client-response.js';

const encoder = new TextEncoder();

/**
 * Gemini's `streamGenerateContent` without `alt=sse` answers one JSON array whose elements arrive as
 * they are generated: `[{…}` then `,\r\n{…}` … then `]`. The gateway streams SSE internally (upstream
 * requests always ask for `alt=sse`); this wrapper reframes the events written to it, each `data:`
 * payload becoming one element, so the rest of the relay stays the same. Not on the SSE hot path.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function createJsonArrayClientResponse(inner: ClientResponse): ClientResponse {
  let elements = 0;
  let pending = '';
  const splitter = createSseEventSplitter((event) => {
    if (event.data === '' || event.data === '[DONE]') return;
    pending += `${elements === 0 ? '[' : '\r\n,'}${event.data}`;
    elements += 1;
  });
  const take = () => {
    const text = pending;
    pending = '';
    return text;
  };
  const feed = (chunk: string | Buffer | undefined) => {
    if (chunk === undefined || chunk.length === 0) return;
    splitter.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  };
  return {
    raw: inner.raw,
    goneSignal: inner.goneSignal,
    isGone: () => inner.isGone(),
    start(status, headers) {
      inner.start(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    },
    async write(chunk) {
      feed(chunk);
      const text = take();
      if (text.length > 0) await inner.write(text);
    },
    end(chunk) {
      feed(chunk);
      splitter.end();
      inner.end(`${take()}${elements === 0 ? '[]' : ']'}`);
    },
  };
}
