import type { UsageBuckets } from '../usage/usage-buckets.js';
import type { CanonicalStopReason } from './canonical-response.js';
import type { CanonicalStreamError, CanonicalStreamEvent } from './canonical-stream-event.js';

/** Writes canonical stream events as the exact bytes (as text) of one client dialect. */
export interface CanonicalStreamRenderer {
  write(event: CanonicalStreamEvent): string;
  /** Closes the stream normally: stop reason, usage and the dialect's terminal events. */
  finish(): string;
  /** Ends the stream with the dialect's own error event. */
  fail(error: CanonicalStreamError): string;
}

export interface StreamRendererOptions {
  requestedModel: string;
  includeUsageForClient: boolean;
}

/** What every renderer tracks the same way: the last stop reason and cumulative usage seen. */
export class StreamOutcome {
  stopReason: CanonicalStopReason | undefined;
  usage: UsageBuckets | undefined;
  hasToolCall = false;
  isClosed = false;

  observe(event: CanonicalStreamEvent): void {
    if (event.type === 'finish') this.stopReason = event.stopReason;
    else if (event.type === 'usage') this.usage = event.usage;
    else if (event.type === 'tool_call_start') this.hasToolCall = true;
  }

  /** Upstreams that end without a stop reason (cut short, or Gemini without finishReason). */
  finalStopReason(): CanonicalStopReason {
    return this.stopReason ?? (this.hasToolCall ? 'tool_use' : 'end_turn');
  }

  finalUsage(): UsageBuckets {
    return this.usage ?? { input: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 };
  }
}
