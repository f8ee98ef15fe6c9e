import { coerceError } from '../../kernel/errors.js';
import { createSseEventSplitter, formatSseEvent, type SseEvent } from '../sse/index.js';
import { createStreamUsageMeter, type Dialect, estimateUsage, type MeasuredUsage } from '../usage/index.js';
import type { AttemptSuccess } from './attempt-upstream.js';
import type { ClientResponse } from './client-response.js';
import { collectStreamOutputText } from './collect-output-text.js';
import { renderStreamErrorEvent } from './stream-error-event.js';

export interface StreamTranslator {
  push(event: SseEvent): string;
  finish(): string;
  fail(error: { status: number; message: string; type?: string }): string;
}

export interface StreamRelayOptions {
  client: ClientResponse;
  attempt: AttemptSuccess;
  outbound: Dialect;
  /** Set when the caller speaks another dialect; otherwise the upstream bytes pass through. */
  translator: StreamTranslator | undefined;
  /** Drop the usage-only chunk the gateway asked for on the caller's behalf. */
  isUsageChunkAdded: boolean;
  requestBody: unknown;
  /** Writes the status line and headers; called once, right before the first byte. */
  commit(): void;
}

export interface StreamRelayResult {
  usage: MeasuredUsage;
  outcome: 'completed' | 'client_gone' | 'upstream_failed';
  errorMessage: string | null;
}

// The chunk OpenAI adds for stream_options.include_usage: empty choices, usage set.
// @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
const isUsageOnlyChunk = (event: SseEvent) =>
  event.data.includes('"choices":[]') && event.data.includes('"usage":{');

/**
 * Relays an upstream event stream to the caller. Passthrough writes the upstream bytes unchanged
 * and only observes events (splitter + meter); translation and usage-chunk stripping write
 * per event. Usage is the meter's last cumulative value, or a tokenizer estimate when the upstream
 * gave none or the caller left early (then the upstream is aborted).
 */
export async function relayStream(options: StreamRelayOptions): Promise<StreamRelayResult> {
  const { client, attempt, translator } = options;
  const meter = createStreamUsageMeter(options.outbound);
  const payloads: string[] = [];
  const isPassthrough = !translator && !options.isUsageChunkAdded;
  let pendingText = '';
  const splitter = createSseEventSplitter((event) => {
    meter.observe(event);
    payloads.push(event.data);
    if (translator) pendingText += translator.push(event);
    else if (!isPassthrough && !(options.isUsageChunkAdded && isUsageOnlyChunk(event)))
      pendingText += formatSseEvent(event);
  });
  const forward = async (chunk: Buffer) => {
    splitter.push(chunk);
    if (isPassthrough) return client.write(chunk);
    const text = pendingText;
    pendingText = '';
    return client.write(text);
  };
  const onClientGone = () => attempt.abort('client closed the connection');
  client.goneSignal.addEventListener('abort', onClientGone, { once: true });
  let outcome: StreamRelayResult['outcome'] = 'completed';
  let errorMessage: string | null = null;
  try {
    options.commit();
    if (attempt.firstChunk) await forward(attempt.firstChunk);
    while (!client.isGone()) {
      const next = await attempt.chunks.next();
      if (next.done) break;
      await forward(next.value);
    }
    splitter.end();
    if (client.isGone()) outcome = 'client_gone';
    else client.end(`${pendingText}${translator ? translator.finish() : ''}`);
  } catch (error) {
    if (client.isGone()) {
      outcome = 'client_gone';
    } else {
      outcome = 'upstream_failed';
      errorMessage = `the upstream stream broke: ${coerceError(error).message}`;
      const errorEvent = translator
        ? translator.fail({ status: 502, message: errorMessage })
        : renderStreamErrorEvent(options.outbound, errorMessage);
      client.end(`${pendingText}${errorEvent}`);
    }
  } finally {
    client.goneSignal.removeEventListener('abort', onClientGone);
  }
  const reported = outcome === 'client_gone' ? undefined : meter.result();
  const usage: MeasuredUsage = reported
    ? { usage: reported, source: 'reported' }
    : estimateUsage({
        dialect: options.outbound,
        requestBody: options.requestBody,
        outputText: collectStreamOutputText(options.outbound, payloads),
      });
  return { usage, outcome, errorMessage };
}
