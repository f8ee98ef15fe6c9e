import { createSseEventSplitter, type SseEvent } from '../../sse/sse-event-splitter.js';
import type { Dialect } from '../../usage/llm-dialect.js';
import { frameRecordedStream, loadRecordedFixture } from '../../usage/__fixtures__/recorded-llm-streams.js';
import { createStreamTranslator } from '../create-stream-translator.js';

// Test support: replays a recorded upstream stream through a translator, as the proxy does.

export function splitSseText(wire: string): SseEvent[] {
  const events: SseEvent[] = [];
  const splitter = createSseEventSplitter((event) => events.push(event));
  splitter.push(new TextEncoder().encode(wire));
  splitter.end();
  return events;
}

export function translateRecordedStream(options: { fixture: string; to: Dialect; includeUsageForClient?: boolean; requestBody?: unknown }): string {
  const fixture = loadRecordedFixture(options.fixture);
  const translator = createStreamTranslator({
    from: fixture.dialect,
    to: options.to,
    requestedModel: 'gateway-model',
    includeUsageForClient: options.includeUsageForClient ?? true,
    requestBody: options.requestBody,
  });
  let output = '';
  for (const event of splitSseText(frameRecordedStream(fixture.dialect, fixture.chunkLines ?? []))) output += translator.push(event);
  return output + translator.finish();
}
