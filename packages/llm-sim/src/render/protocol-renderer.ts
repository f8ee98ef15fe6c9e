import type { ResolvedReply } from './resolve-reply.js';

export interface StreamRenderContext {
  /** OpenAI chat only: `stream_options.include_usage` was true. */
  isStreamUsageRequested: boolean;
}

/** What every protocol renders; the server holds one of these per endpoint. */
export interface ProtocolRenderer {
  renderBody(reply: ResolvedReply): unknown;
  /** Complete, framed SSE events in order (terminator included). */
  renderEvents(reply: ResolvedReply, context: StreamRenderContext): string[];
  /** The protocol's in-stream error event, framed. */
  renderStreamError(message: string): string;
  /** A framed event whose payload is not valid JSON. */
  renderMalformedEvent(): string;
  renderErrorBody(status: number, message?: string): unknown;
}
