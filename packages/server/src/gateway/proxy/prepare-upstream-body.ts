import { translateRequest } from '../translate/index.js';
import type { UpstreamAdapter } from '../upstream/upstream-adapter.js';
import type { Dialect } from '../usage/index.js';

export interface PreparedUpstreamBody {
  bytes: Buffer;
  /** The gateway asked for `stream_options.include_usage` the client did not ask for; strip its chunk. */
  isUsageChunkAdded: boolean;
}

export interface PrepareUpstreamBodyOptions {
  inbound: Dialect;
  outbound: Dialect;
  rawBody: Buffer;
  body: Record<string, unknown>;
  requestedModel: string;
  upstreamModel: string;
  isStream: boolean;
  adapter: UpstreamAdapter;
}

const isUsageRequested = (body: Record<string, unknown>) =>
  (body.stream_options as { include_usage?: unknown } | null | undefined)?.include_usage === true;

/**
 * The request body for one upstream. Same dialect and nothing to change: the caller's bytes as
 * received (unknown fields and key order untouched). Otherwise only the fields that must change are
 * rewritten: the mapped model name, `stream_options.include_usage` (always ask OpenAI-style
 * upstreams for usage), fields the vendor rejects; or the whole body is translated.
 */
export function prepareUpstreamBody(options: PrepareUpstreamBodyOptions): PreparedUpstreamBody {
  const { inbound, outbound, body, adapter } = options;
  const needsUsageOption =
    outbound === 'openai-chat' &&
    options.isStream &&
    adapter.isStreamUsageOptionSupported &&
    !isUsageRequested(body);
  const isUsageChunkAdded = needsUsageOption && inbound === 'openai-chat';
  if (inbound !== outbound) {
    const translated = translateRequest({
      from: inbound,
      to: outbound,
      body,
      upstreamModel: options.upstreamModel,
      stream: options.isStream,
    }).body;
    if (needsUsageOption) translated.stream_options = { include_usage: true };
    for (const field of adapter.unsupportedRequestFields) delete translated[field];
    return { bytes: Buffer.from(JSON.stringify(translated)), isUsageChunkAdded: false };
  }
  const isModelRenamed = outbound !== 'gemini' && options.upstreamModel !== options.requestedModel;
  const droppedFields = adapter.unsupportedRequestFields.filter((field) => Object.hasOwn(body, field));
  if (!isModelRenamed && !needsUsageOption && droppedFields.length === 0)
    return { bytes: options.rawBody, isUsageChunkAdded };
  const rewritten: Record<string, unknown> = { ...body };
  if (isModelRenamed) rewritten.model = options.upstreamModel;
  if (needsUsageOption)
    rewritten.stream_options = { ...(body.stream_options as object | undefined), include_usage: true };
  for (const field of droppedFields) delete rewritten[field];
  return { bytes: Buffer.from(JSON.stringify(rewritten)), isUsageChunkAdded };
}
