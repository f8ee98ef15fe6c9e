import type { RoutableChannel } from '../channels/channel-directory.js';
import { attemptUpstream } from '../proxy/attempt-upstream.js';
import type { ClientResponse } from '../proxy/client-response.js';
import type { FailoverOutcome } from '../proxy/forward-with-failover.js';
import { createJsonArrayClientResponse } from '../proxy/json-array-client-response.js';
import { prepareUpstreamBody } from '../proxy/prepare-upstream-body.js';
import { relayJson } from '../proxy/relay-json.js';
import { relayStream } from '../proxy/relay-stream.js';
import { createStreamTranslator, renderGatewayError } from '../translate/index.js';
import { resolveUpstreamAdapter } from '../upstream/resolve-upstream-adapter.js';
import type { Dialect } from '../usage/index.js';
import type { GatewayExchange } from './gateway-exchange.js';
import type { GatewayPipelineDeps, LlmCall } from './gateway-pipeline.js';

const passthroughResponseHeaders = ['content-type', 'retry-after'];

/** Builds and sends the request for one channel; the failover loop decides what its result means. */
export function sendAttempt(options: {
  deps: GatewayPipelineDeps;
  call: LlmCall;
  exchange: GatewayExchange;
  client: ClientResponse;
  channel: RoutableChannel;
  upstreamModel: string;
}) {
  const { call, channel, upstreamModel, exchange } = options;
  const adapter = resolveUpstreamAdapter(channel);
  const outbound: Dialect = adapter.nativeDialects.includes(call.inbound)
    ? call.inbound
    : adapter.nativeDialects[0];
  exchange.outbound = outbound;
  const prepared = prepareUpstreamBody({
    inbound: call.inbound,
    outbound,
    rawBody: call.rawBody,
    body: call.body,
    requestedModel: call.model,
    upstreamModel,
    isStream: call.isStream,
    adapter,
  });
  const apiKey = channel.apiKeys[Math.floor(Math.random() * channel.apiKeys.length)] ?? '';
  const target =
    call.capability === 'embeddings'
      ? adapter.buildEmbeddingsTarget({ baseUrl: channel.baseUrl, apiKey })
      : adapter.buildGenerateTarget({
          baseUrl: channel.baseUrl,
          apiKey,
          dialect: outbound,
          upstreamModel,
          isStream: call.isStream,
        });
  exchange.isUsageChunkAdded = prepared.isUsageChunkAdded;
  return attemptUpstream({
    http: options.deps.http,
    url: target.url,
    headers: {
      ...(call.inbound === outbound ? call.forwardedHeaders : {}),
      ...target.headers,
      'content-type': 'application/json',
      // Bytes are relayed as received, so they must not arrive compressed.
      'accept-encoding': 'identity',
    },
    body: prepared.bytes,
    timeoutMs: channel.timeoutMs,
    isStream: call.isStream,
    clientSignal: options.client.goneSignal,
    nowMs: options.deps.clock.nowMs(),
  });
}

/** Sends the chosen upstream's answer to the caller: a caller error as is, or the relayed reply. */
export async function relayOutcome(options: {
  call: LlmCall;
  exchange: GatewayExchange;
  client: ClientResponse;
  outcome: FailoverOutcome;
}): Promise<void> {
  const { call, exchange, client, outcome } = options;
  const outbound = exchange.outbound ?? call.inbound;
  if (outcome.kind === 'rejected') {
    const reply = outcome.attempt.errorReply;
    const status = reply?.status ?? 502;
    exchange.status = status;
    exchange.errorCode = 'upstream_error';
    exchange.errorMessage = outcome.attempt.failure.message;
    if (reply && outbound === call.inbound) {
      const headers = Object.fromEntries(
        passthroughResponseHeaders.flatMap((name) =>
          reply.headers[name] ? [[name, String(reply.headers[name])]] : [],
        ),
      );
      client.start(status, { ...headers, ...exchange.overheadHeader() });
      client.end(reply.body);
      return;
    }
    const rendered = renderGatewayError(call.inbound, {
      status,
      code: 'upstream_error',
      message: outcome.attempt.failure.message,
    });
    client.start(status, { ...rendered.headers, ...exchange.overheadHeader() });
    client.end(JSON.stringify(rendered.body));
    return;
  }
  const { attempt } = outcome;
  if (call.isStream) {
    const translator =
      outbound === call.inbound
        ? undefined
        : createStreamTranslator({
            from: outbound,
            to: call.inbound,
            requestedModel: call.model,
            includeUsageForClient: isUsageRequested(call),
          });
    const streamClient = call.streamFraming === 'json-array' ? createJsonArrayClientResponse(client) : client;
    const result = await relayStream({
      client: streamClient,
      attempt,
      outbound,
      translator,
      isUsageChunkAdded: exchange.isUsageChunkAdded,
      requestBody: call.body,
      commit: () => {
        const contentType = translator
          ? 'text/event-stream; charset=utf-8'
          : String(attempt.response.headers['content-type'] ?? 'text/event-stream');
        streamClient.start(attempt.response.status, {
          'content-type': contentType,
          'cache-control': 'no-cache',
          ...exchange.overheadHeader(),
        });
      },
    });
    exchange.usage = result.usage;
    exchange.status = result.outcome === 'client_gone' ? 499 : attempt.response.status;
    if (result.outcome === 'client_gone') exchange.errorCode = 'client_closed_request';
    if (result.outcome === 'upstream_failed')
      Object.assign(exchange, { errorCode: 'upstream_stream_failed', errorMessage: result.errorMessage });
    return;
  }
  const result = await relayJson({
    client,
    attempt,
    inbound: call.inbound,
    outbound,
    requestedModel: call.model,
    requestBody: call.body,
    readUsage: call.readUsage,
    commit: (status, headers, upstreamBodyMs) => {
      exchange.upstreamWaitMs += upstreamBodyMs;
      client.start(status, { ...headers, ...exchange.overheadHeader() });
    },
  });
  exchange.usage = result.usage;
  exchange.status = result.status;
}

function isUsageRequested(call: LlmCall): boolean {
  if (call.inbound !== 'openai-chat') return true;
  return (call.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
}
