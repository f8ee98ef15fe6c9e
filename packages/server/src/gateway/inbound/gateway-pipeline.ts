import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/clock.js';
import { coerceError, isAppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logging.js';
import type { ApiKeyRateLimiter } from '../api-keys/api-key-rate-limiter.js';
import type { ApiKeyPrincipal, ApiKeyService } from '../api-keys/api-key-service.js';
import type { ApiKeyUsageRecorder } from '../api-keys/api-key-usage-recorder.js';
import { authorizeApiKey, authorizeModel } from '../api-keys/authorize-api-key.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { QuotaHooks } from '../gateway-service.js';
import { ClientGoneError } from '../proxy/attempt-upstream.js';
import { createClientResponse } from '../proxy/client-response.js';
import { type FailoverDeps, forwardWithFailover } from '../proxy/forward-with-failover.js';
import type { UpstreamHttpClient } from '../proxy/upstream-http-client.js';
import type { RequestLogWriter } from '../request-logs/request-log-writer.js';
import type { ChannelRouter, RouteCapability } from '../routing/channel-router.js';
import { renderGatewayError } from '../translate/index.js';
import { type Dialect, estimateUsage, type UsageBuckets } from '../usage/index.js';
import type { ExchangeTracker } from './exchange-tracker.js';
import { GatewayExchange } from './gateway-exchange.js';
import { readInboundApiKey } from './read-inbound-api-key.js';
import { relayOutcome, sendAttempt } from './relay-outcome.js';

export interface GatewayPipelineDeps {
  apiKeys: ApiKeyService;
  limiter: ApiKeyRateLimiter;
  keyUsage: ApiKeyUsageRecorder;
  router: ChannelRouter;
  failover: FailoverDeps;
  http: UpstreamHttpClient;
  logWriter: RequestLogWriter;
  metrics: GatewayMetrics;
  clock: Clock;
  logger: Logger;
  quotaHooks(): QuotaHooks | undefined;
  tracker: ExchangeTracker;
}

/** One inbound LLM call, already parsed by its protocol's route. */
export interface LlmCall {
  inbound: Dialect;
  /** What the request log calls the inbound protocol (embeddings are not a chat dialect). */
  protocol: string;
  capability: RouteCapability;
  model: string;
  isStream: boolean;
  /** How a stream is framed for the caller: SSE (default) or Gemini's streamed JSON array (no `alt=sse`). */
  streamFraming?: 'sse' | 'json-array';
  rawBody: Buffer;
  body: Record<string, unknown>;
  maxOutputTokens: number | null;
  /** Caller headers the upstream must see (anthropic-version, anthropic-beta). */
  forwardedHeaders: Record<string, string>;
  /** Usage of a reply the dialect reader does not know (embeddings). */
  readUsage?: (body: unknown) => UsageBuckets | undefined;
}

/** Key lookup and every per-key rule, in the order callers expect to hear about them. */
export async function authenticateCaller(
  deps: Pick<GatewayPipelineDeps, 'apiKeys' | 'clock'>,
  request: FastifyRequest,
): Promise<ApiKeyPrincipal> {
  const secret = readInboundApiKey(request);
  const principal = secret ? await deps.apiKeys.lookup(secret) : undefined;
  authorizeApiKey(principal, { nowMs: deps.clock.nowMs(), ip: request.ip });
  return principal;
}

function renderError(exchange: GatewayExchange, dialect: Dialect, error: unknown, logger: Logger) {
  const appError = isAppError(error) ? error : undefined;
  if (!appError) logger.error({ err: coerceError(error) }, 'gateway request failed');
  const status = appError?.status ?? 500;
  const code = appError?.code ?? 'internal_error';
  const message = appError?.message ?? 'Internal gateway error';
  exchange.status = status;
  exchange.errorCode = code;
  exchange.errorMessage = message;
  const rendered = renderGatewayError(dialect, { status, code, message });
  return {
    status,
    headers: { ...rendered.headers, ...appError?.headers },
    body: JSON.stringify(rendered.body),
  };
}

/**
 * auth → key rules → candidates → quota reserve → failover → relay → settle, log, meter.
 * Every exit path below must settle or release a reservation, and must log exactly once.
 */
export function handleLlmCall(
  deps: GatewayPipelineDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  inbound: { dialect: Dialect; protocol: string; parseCall(): LlmCall },
): Promise<void> {
  return deps.tracker.track(runLlmCall(deps, request, reply, inbound), reply.raw);
}

async function runLlmCall(
  deps: GatewayPipelineDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  inbound: { dialect: Dialect; protocol: string; parseCall(): LlmCall },
): Promise<void> {
  const nowMs = deps.clock.nowMs();
  const exchange = new GatewayExchange({
    id: newId('req', nowMs),
    createdAtMs: nowMs,
    protocol: inbound.protocol,
  });
  reply.hijack();
  const client = createClientResponse(reply.raw, reply.getHeaders() as Record<string, string>);
  const hooks = deps.quotaHooks();
  let reservation: { value: unknown } | undefined;
  try {
    const principal = await authenticateCaller(deps, request);
    exchange.principal = principal;
    const call = inbound.parseCall();
    exchange.model = call.model;
    exchange.isStream = call.isStream;
    authorizeModel(principal, call.model);
    deps.limiter.admit({ keyId: principal.keyId, rpm: principal.rpm, tpm: principal.tpm });
    const candidates = await deps.router.listCandidates({
      model: call.model,
      group: principal.group,
      capability: call.capability,
    });
    if (hooks) {
      reservation = {
        value: await hooks.reserve({
          requestId: exchange.options.id,
          userId: principal.userId,
          keyId: principal.keyId,
          group: principal.group,
          model: call.model,
          estimateInputTokens: () =>
            estimateUsage({ dialect: call.inbound, requestBody: call.body, outputText: '' }).usage.input,
          maxOutputTokens: call.maxOutputTokens,
        }),
      };
    }
    const outcome = await forwardWithFailover(deps.failover, {
      candidates,
      model: call.model,
      attempts: exchange.attempts,
      attempt: (channel, upstreamModel) =>
        sendAttempt({ deps, call, exchange, client, channel, upstreamModel }),
    });
    exchange.channel = outcome.channel;
    exchange.upstreamModel = outcome.upstreamModel;
    exchange.upstreamWaitMs = outcome.upstreamWaitMs;
    await relayOutcome({ call, exchange, client, outcome });
  } catch (error) {
    if (error instanceof ClientGoneError || client.isGone()) {
      exchange.status = 499;
      exchange.errorCode = 'client_closed_request';
    } else if (exchange.committedAt === undefined) {
      const rendered = renderError(exchange, inbound.dialect, error, deps.logger);
      client.start(rendered.status, { ...rendered.headers, ...exchange.overheadHeader() });
      client.end(rendered.body);
    } else {
      renderError(exchange, inbound.dialect, error, deps.logger);
      client.end();
    }
  } finally {
    await finishExchange(deps, { exchange, hooks, reservation });
  }
}

async function finishExchange(
  deps: GatewayPipelineDeps,
  options: {
    exchange: GatewayExchange;
    hooks: QuotaHooks | undefined;
    reservation: { value: unknown } | undefined;
  },
): Promise<void> {
  const { exchange, hooks, reservation } = options;
  const usage = exchange.usage.usage;
  const tokens = usage.input + usage.cache_read + usage.cache_write + usage.output;
  if (hooks && reservation) {
    try {
      if (tokens > 0) {
        await hooks.settle(reservation.value, {
          usage,
          usageSource: exchange.usage.source,
          channelId: exchange.channel?.id ?? null,
          upstreamModel: exchange.upstreamModel ?? null,
        });
      } else {
        await hooks.release(reservation.value);
      }
    } catch (error) {
      deps.logger.error(
        { err: coerceError(error), request_id: exchange.options.id },
        'quota settle/release failed',
      );
    }
  }
  if (exchange.principal) {
    deps.keyUsage.markUsed(exchange.principal.keyId);
    if (tokens > 0) deps.limiter.recordTokens(exchange.principal.keyId, tokens);
  }
  const row = exchange.toLogRow();
  deps.logWriter.enqueue(row);
  deps.metrics.observe({
    // Unrouted requests carry caller-chosen model names; one label keeps cardinality bounded.
    model: exchange.channel ? exchange.model : 'unrouted',
    channelId: exchange.channel?.id ?? null,
    status: row.status,
    durationMs: row.duration_ms,
    overheadMs: row.overhead_us / 1000,
    usage,
  });
}
