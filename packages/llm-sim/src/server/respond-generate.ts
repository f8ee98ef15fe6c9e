import type { ServerResponse } from 'node:http';
import { loadFixture } from '../fixtures/fixture-catalog.js';
import { estimatePromptTokens } from '../render/estimate-prompt-tokens.js';
import type { ProtocolRenderer } from '../render/protocol-renderer.js';
import { resolveReply } from '../render/resolve-reply.js';
import type { SimProtocol, SimReply } from '../sim-types.js';
import { type ExchangeControl, sendJson, sendStream } from './send-response.js';

export interface GenerateContext {
  res: ServerResponse;
  control: ExchangeControl;
  protocol: SimProtocol;
  renderer: ProtocolRenderer;
  rendererFor: (protocol: SimProtocol) => ProtocolRenderer;
  body: Record<string, unknown>;
  model: string;
  isStream: boolean;
  /** Gemini streamGenerateContent without ?alt=sse answers a JSON array, not SSE. */
  isJsonArrayStream: boolean;
  sequence: number;
}

function contentTypeFor(protocol: SimProtocol): string {
  return protocol === 'gemini-generate-content' ? 'text/event-stream' : 'text/event-stream; charset=utf-8';
}

function hasEventFault(reply: SimReply): boolean {
  const fault = reply.fault;
  if (!fault) return false;
  return (
    fault.malformedChunkAt !== undefined ||
    fault.streamErrorAfterChunks !== undefined ||
    fault.disconnectAfterChunks !== undefined ||
    fault.hangAfterChunks !== undefined ||
    fault.chunkDelayMs !== undefined
  );
}

// A replay follows the request's stream flag when the fixture has both recordings, else sends the one it has.
function respondWithReplay(context: GenerateContext, reply: SimReply, fixtureName: string): void {
  const fixture = loadFixture(fixtureName);
  const isStreamReplay =
    fixture.streamEvents !== undefined && (context.isStream || fixture.jsonBytes === undefined);
  if (isStreamReplay && fixture.streamEvents && fixture.streamBytes) {
    sendStream({
      res: context.res,
      control: context.control,
      contentType: contentTypeFor(fixture.protocol),
      events: hasEventFault(reply) ? fixture.streamEvents : [fixture.streamBytes],
      fault: reply.fault,
      renderer: context.rendererFor(fixture.protocol),
    });
    return;
  }
  sendJson(context.res, { status: fixture.json?.status ?? 200, body: fixture.jsonBytes ?? Buffer.alloc(0) });
}

export function respondGenerate(context: GenerateContext, reply: SimReply): void {
  if (reply.replay !== undefined) {
    respondWithReplay(context, reply, reply.replay);
    return;
  }
  const resolved = resolveReply({
    reply,
    requestedModel: context.model,
    promptTokens: estimatePromptTokens(context.body),
    sequence: context.sequence,
  });
  if (context.isJsonArrayStream) {
    const body = `[${JSON.stringify(context.renderer.renderBody(resolved))}]`;
    sendJson(context.res, { status: 200, body });
    return;
  }
  if (!context.isStream) {
    sendJson(context.res, {
      status: 200,
      body: JSON.stringify(context.renderer.renderBody(resolved)),
    });
    return;
  }
  const streamOptions = context.body.stream_options as { include_usage?: unknown } | undefined;
  const events = context.renderer.renderEvents(resolved, {
    isStreamUsageRequested: streamOptions?.include_usage === true,
  });
  sendStream({
    res: context.res,
    control: context.control,
    contentType: contentTypeFor(context.protocol),
    events,
    fault: reply.fault,
    renderer: context.renderer,
  });
}
