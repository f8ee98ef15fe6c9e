import type { Clock } from '../../kernel/clock.js';
import { coerceError } from '../../kernel/errors.js';
import { upstreamUnauthorized, upstreamUnavailable } from '../gateway-errors.js';
import { readUpstreamBody, type UpstreamHttpClient } from '../proxy/upstream-http-client.js';
import { effectiveBaseUrl } from '../upstream/effective-base-url.js';
import { resolveUpstreamAdapter } from '../upstream/resolve-upstream-adapter.js';
import type { ChannelService } from './channel-service.js';

export interface UpstreamModelList {
  channel_id: string;
  models: string[];
  fetched_at: string;
  is_cached: boolean;
}

/** GET <upstream>/models for a channel, cached per channel for `cacheTtlMs` (60 s by default). */
export function createUpstreamModelLister(deps: {
  channels: ChannelService;
  http: UpstreamHttpClient;
  clock: Clock;
  cacheTtlMs?: number;
}) {
  const cacheTtlMs = deps.cacheTtlMs ?? 60_000;
  const cache = new Map<string, { fetchedAtMs: number; models: string[] }>();

  async function fetchModels(channelId: string): Promise<string[]> {
    const channel = await deps.channels.requireChannel(channelId);
    const [apiKey] = await deps.channels.readKeys(channelId);
    const adapter = resolveUpstreamAdapter(channel);
    const target = adapter.buildModelListTarget({
      baseUrl: effectiveBaseUrl(channel.type, channel.base_url),
      apiKey: apiKey ?? '',
    });
    let response: Awaited<ReturnType<UpstreamHttpClient['send']>>;
    let body: Buffer;
    try {
      response = await deps.http.send({
        url: target.url,
        method: 'GET',
        headers: target.headers,
        signal: AbortSignal.timeout(channel.timeout_ms),
      });
      body = await readUpstreamBody(response.body);
    } catch (error) {
      throw upstreamUnavailable(coerceError(error).message);
    }
    if (response.status === 401 || response.status === 403) throw upstreamUnauthorized(response.status);
    if (response.status < 200 || response.status >= 300) throw upstreamUnavailable(`HTTP ${response.status}`);
    try {
      return adapter.readModelIds(JSON.parse(body.toString('utf8')));
    } catch {
      throw upstreamUnavailable('the model list is not JSON');
    }
  }

  return {
    async list(channelId: string): Promise<UpstreamModelList> {
      const nowMs = deps.clock.nowMs();
      const cached = cache.get(channelId);
      if (cached && nowMs - cached.fetchedAtMs < cacheTtlMs) {
        return {
          channel_id: channelId,
          models: cached.models,
          fetched_at: new Date(cached.fetchedAtMs).toISOString(),
          is_cached: true,
        };
      }
      const models = await fetchModels(channelId);
      cache.set(channelId, { fetchedAtMs: nowMs, models });
      return { channel_id: channelId, models, fetched_at: new Date(nowMs).toISOString(), is_cached: false };
    },
  };
}
export type UpstreamModelLister = ReturnType<typeof createUpstreamModelLister>;
