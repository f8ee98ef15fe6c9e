import type { Clock } from '../../kernel/clock.js';
import { coerceError } from '../../kernel/errors.js';
import { readUpstreamBody, type UpstreamHttpClient } from '../proxy/upstream-http-client.js';
import { effectiveBaseUrl } from '../upstream/effective-base-url.js';
import { resolveUpstreamAdapter } from '../upstream/resolve-upstream-adapter.js';
import type { Dialect } from '../usage/index.js';
import type { ChannelService, ChannelTestOutcome } from './channel-service.js';

// The smallest real completion per dialect: one short user turn, a tiny output cap.
const probeBodies: Record<Dialect, (model: string) => unknown> = {
  'openai-chat': (model) => ({ model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 8 }),
  'openai-responses': (model) => ({ model, input: 'ping', max_output_tokens: 16 }),
  'anthropic-messages': (model) => ({ model, max_tokens: 8, messages: [{ role: 'user', content: 'ping' }] }),
  gemini: () => ({
    contents: [{ role: 'user', parts: [{ text: 'ping' }] }],
    generationConfig: { maxOutputTokens: 8 },
  }),
};

export interface ChannelProbeResult {
  ok: boolean;
  model: string;
  status: number | null;
  latency_ms: number | null;
  error: string | null;
}

/** Sends one minimal non-stream completion through a channel and records latency and outcome. */
export async function probeChannel(
  deps: { channels: ChannelService; http: UpstreamHttpClient; clock: Clock },
  options: { channelId: string; model?: string },
): Promise<ChannelProbeResult> {
  const channel = await deps.channels.requireChannel(options.channelId);
  const [apiKey] = await deps.channels.readKeys(channel.id);
  const models = JSON.parse(channel.models_json) as string[];
  const mapping = JSON.parse(channel.model_mapping_json) as Record<string, string>;
  const model = options.model ?? models[0];
  const upstreamModel = mapping[model] ?? model;
  const adapter = resolveUpstreamAdapter(channel);
  const dialect = adapter.nativeDialects[0];
  const target = adapter.buildGenerateTarget({
    baseUrl: effectiveBaseUrl(channel.type, channel.base_url),
    apiKey: apiKey ?? '',
    dialect,
    upstreamModel,
    isStream: false,
  });
  const startedAt = performance.now();
  let result: ChannelProbeResult;
  try {
    const response = await deps.http.send({
      url: target.url,
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(probeBodies[dialect](upstreamModel))),
      signal: AbortSignal.timeout(channel.timeout_ms),
    });
    const body = await readUpstreamBody(response.body);
    const latencyMs = Math.round(performance.now() - startedAt);
    const isOk = response.status >= 200 && response.status < 300;
    result = {
      ok: isOk,
      model,
      status: response.status,
      latency_ms: latencyMs,
      error: isOk ? null : body.toString('utf8').slice(0, 500),
    };
  } catch (error) {
    result = { ok: false, model, status: null, latency_ms: null, error: coerceError(error).message };
  }
  const outcome: ChannelTestOutcome = { isOk: result.ok, latencyMs: result.latency_ms, error: result.error };
  await deps.channels.recordTestOutcome(channel.id, outcome);
  return result;
}
