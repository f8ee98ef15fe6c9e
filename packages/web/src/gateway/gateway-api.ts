import type { ApiClient } from '../api/api-client.js';

export type ChannelType = 'openai' | 'anthropic' | 'gemini' | 'openai-compatible';
export type ChannelStatus = 'enabled' | 'disabled' | 'auto_disabled';

/** A channel as GET /api/admin/channels returns it (see server gateway/channels/channel-schemas.ts). */
export interface PublicChannel {
  id: string;
  name: string;
  type: ChannelType;
  vendor: string | null;
  base_url: string;
  key_count: number;
  models: string[];
  model_mapping: Record<string, string>;
  groups: string[];
  priority: number;
  weight: number;
  timeout_ms: number;
  status: ChannelStatus;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  last_test: { at: string; latency_ms: number | null; outcome: string; error: string | null } | null;
}

export interface ChannelCreate {
  name: string;
  type: ChannelType;
  vendor?: string;
  base_url?: string;
  keys: string[];
  models: string[];
  model_mapping: Record<string, string>;
  groups: string[];
  priority: number;
  weight: number;
  timeout_ms: number;
  status: 'enabled' | 'disabled';
}

/** PATCH body: `keys` replaces every key, so it is sent only when the admin typed new ones. */
export type ChannelPatch = Partial<Omit<ChannelCreate, 'type' | 'vendor'>>;

export interface ChannelProbeResult {
  ok: boolean;
  model: string;
  status: number | null;
  latency_ms: number | null;
  error: string | null;
}

export interface UpstreamModelList {
  channel_id: string;
  models: string[];
  fetched_at: string;
  is_cached: boolean;
}

export interface PublicApiKey {
  id: string;
  user_id: string;
  name: string;
  key_hint: string;
  group: string;
  expires_at: string | null;
  models: string[] | null;
  allow_cidrs: string[] | null;
  rpm: number | null;
  tpm: number | null;
  enabled: boolean;
  created_at: string;
  last_used_at: string | null;
  /** The key's own spending limit inside the owner's balance (null = unlimited). */
  quota_micros?: number | null;
  quota_used_micros?: number;
}

export interface ApiKeyCreate {
  name: string;
  group?: string;
  expires_at?: string | null;
  models?: string[];
  allow_cidrs?: string[];
  rpm?: number;
  tpm?: number;
  quota_micros?: number | null;
}

export interface ApiKeyPatch {
  name?: string;
  group?: string;
  expires_at?: string | null;
  models?: string[] | null;
  allow_cidrs?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  enabled?: boolean;
  quota_micros?: number | null;
}

export interface RequestAttempt {
  channel_id: string;
  upstream_model: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface UsageBuckets {
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
}

export interface RequestLogItem {
  id: string;
  created_at: string;
  user_id: string | null;
  key_id: string | null;
  group?: string | null;
  model: string;
  upstream_model: string | null;
  channel_id: string | null;
  inbound: string;
  outbound: string | null;
  stream: boolean;
  status: number;
  error_code: string | null;
  error_message?: string | null;
  ttfb_ms: number | null;
  duration_ms: number | null;
  overhead_ms: number | null;
  attempts: RequestAttempt[];
  usage: UsageBuckets;
  usage_source: 'reported' | 'estimated';
  cost_micros?: number | null;
  price?: { currency?: string } | null;
  pricing_missing?: boolean;
}

export interface RequestLogFilter {
  model?: string;
  user_id?: string;
  key_id?: string;
  channel_id?: string;
  status?: number;
}

export interface CursorPage<Item> {
  items: Item[];
  next_cursor: string | null;
}

const channelPath = (id: string) => `/api/admin/channels/${encodeURIComponent(id)}`;
const keyPath = (id: string) => `/api/keys/${encodeURIComponent(id)}`;

/** Typed calls for the gateway's console API (server gateway/channels, api-keys, request-logs). */
export function createGatewayApi(client: ApiClient) {
  return {
    listChannels: () => client.request<{ items: PublicChannel[] }>({ path: '/api/admin/channels' }),
    createChannel: (body: ChannelCreate) =>
      client.request<PublicChannel>({ method: 'POST', path: '/api/admin/channels', body }),
    patchChannel: (id: string, body: ChannelPatch) =>
      client.request<PublicChannel>({ method: 'PATCH', path: channelPath(id), body }),
    deleteChannel: (id: string) => client.request<void>({ method: 'DELETE', path: channelPath(id) }),
    testChannel: (id: string, model?: string) =>
      client.request<ChannelProbeResult>({
        method: 'POST',
        path: `${channelPath(id)}/test`,
        body: model ? { model } : {},
      }),
    listUpstreamModels: (channelId: string) =>
      client.request<UpstreamModelList>({
        path: '/api/admin/upstream/models',
        query: { channel_id: channelId },
      }),
    listKeys: () => client.request<{ items: PublicApiKey[] }>({ path: '/api/keys' }),
    createKey: (body: ApiKeyCreate) =>
      client.request<PublicApiKey & { key: string }>({ method: 'POST', path: '/api/keys', body }),
    patchKey: (id: string, body: ApiKeyPatch) =>
      client.request<PublicApiKey>({ method: 'PATCH', path: keyPath(id), body }),
    deleteKey: (id: string) => client.request<void>({ method: 'DELETE', path: keyPath(id) }),
    listLogs: (scope: 'all' | 'own', query: RequestLogFilter & { cursor?: string; limit?: number }) =>
      client.request<CursorPage<RequestLogItem>>({
        path: scope === 'all' ? '/api/admin/logs' : '/api/logs',
        query: { ...query },
      }),
  };
}

export type GatewayApi = ReturnType<typeof createGatewayApi>;
