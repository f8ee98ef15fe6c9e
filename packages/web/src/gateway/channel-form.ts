import type { ChannelCreate, ChannelPatch, ChannelType, PublicChannel } from './gateway-api.js';

/**
 * OpenAI-compatible vendors the server has presets for, with the base URL it fills in when the
 * field is left empty (server gateway/upstream/openai-compatible/openai-compatible-presets.ts).
 */
export const vendorPresets = [
  { id: 'deepseek', name: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1' },
  { id: 'moonshot', name: 'Moonshot (Kimi)', baseUrl: 'https://api.moonshot.cn/v1' },
  { id: 'qwen', name: 'Qwen (DashScope)', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1' },
  { id: 'zhipu', name: 'Zhipu (GLM)', baseUrl: 'https://open.bigmodel.cn/api/paas/v4' },
  { id: 'minimax', name: 'MiniMax', baseUrl: 'https://api.minimax.io/v1' },
] as const;

/** Channel types with the base URL the server uses when none is given. */
export const channelTypes: readonly { id: ChannelType; name: string; baseUrl: string | null }[] = [
  { id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' },
  { id: 'anthropic', name: 'Anthropic', baseUrl: 'https://api.anthropic.com' },
  { id: 'gemini', name: 'Gemini', baseUrl: 'https://generativelanguage.googleapis.com' },
  { id: 'openai-compatible', name: 'OpenAI-compatible', baseUrl: null },
];

/** The base URL the server fills in for an empty field, or null when one must be given. */
export function defaultBaseUrlOf(type: ChannelType, vendor: string | null): string | null {
  if (type === 'openai-compatible')
    return vendorPresets.find((preset) => preset.id === vendor)?.baseUrl ?? null;
  return channelTypes.find((entry) => entry.id === type)?.baseUrl ?? null;
}

export interface MappingRow {
  requested: string;
  upstream: string;
}

export interface ChannelFormValues {
  name: string;
  type: ChannelType;
  vendor: string | null;
  baseUrl: string;
  /** One key per line; write-only, so it starts empty when editing. */
  keysText: string;
  models: string[];
  mapping: MappingRow[];
  groups: string[];
  priority: number;
  weight: number;
  timeoutMs: number;
  isEnabled: boolean;
}

export const emptyChannelForm: ChannelFormValues = {
  name: '',
  type: 'openai',
  vendor: null,
  baseUrl: '',
  keysText: '',
  models: [],
  mapping: [],
  groups: ['default'],
  priority: 0,
  weight: 1,
  timeoutMs: 30_000,
  isEnabled: true,
};

export function channelToForm(channel: PublicChannel): ChannelFormValues {
  return {
    name: channel.name,
    type: channel.type,
    vendor: channel.vendor,
    baseUrl: channel.base_url,
    keysText: '',
    models: [...channel.models],
    mapping: Object.entries(channel.model_mapping).map(([requested, upstream]) => ({ requested, upstream })),
    groups: [...channel.groups],
    priority: channel.priority,
    weight: channel.weight,
    timeoutMs: channel.timeout_ms,
    isEnabled: channel.status !== 'disabled',
  };
}

/** Non-empty, trimmed, de-duplicated lines. */
export function parseKeyLines(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((line) => line.trim()))].filter(Boolean);
}

/** Rows with both names filled become the mapping; later rows win over earlier ones. */
export function mappingFromRows(rows: readonly MappingRow[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const row of rows) {
    const requested = row.requested.trim();
    const upstream = row.upstream.trim();
    if (requested && upstream) mapping[requested] = upstream;
  }
  return mapping;
}

export type ChannelFormProblem = 'required' | 'keysRequired' | 'modelsRequired' | 'mappingIncomplete';

/** Client-side checks before the API sees the form, as `{field: problem}`. */
export function checkChannelForm(
  values: ChannelFormValues,
  mode: 'create' | 'edit',
): Partial<Record<keyof ChannelFormValues, ChannelFormProblem>> {
  const problems: Partial<Record<keyof ChannelFormValues, ChannelFormProblem>> = {};
  if (!values.name.trim()) problems.name = 'required';
  if (mode === 'create' && parseKeyLines(values.keysText).length === 0) problems.keysText = 'keysRequired';
  if (values.models.length === 0) problems.models = 'modelsRequired';
  if (values.type === 'openai-compatible' && !values.vendor && !values.baseUrl.trim())
    problems.baseUrl = 'required';
  if (values.mapping.some((row) => Boolean(row.requested.trim()) !== Boolean(row.upstream.trim())))
    problems.mapping = 'mappingIncomplete';
  return problems;
}

export function formToChannelCreate(values: ChannelFormValues): ChannelCreate {
  const baseUrl = values.baseUrl.trim();
  return {
    name: values.name.trim(),
    type: values.type,
    ...(values.type === 'openai-compatible' && values.vendor ? { vendor: values.vendor } : {}),
    ...(baseUrl ? { base_url: baseUrl } : {}),
    keys: parseKeyLines(values.keysText),
    models: values.models,
    model_mapping: mappingFromRows(values.mapping),
    groups: values.groups.length > 0 ? values.groups : ['default'],
    priority: values.priority,
    weight: values.weight,
    timeout_ms: values.timeoutMs,
    status: values.isEnabled ? 'enabled' : 'disabled',
  };
}

/**
 * The PATCH for an edited channel. Keys are replaced only when new ones were typed, and the status
 * is sent only when the switch moved, so saving an auto-disabled channel does not re-enable it.
 */
export function formToChannelPatch(values: ChannelFormValues, original: PublicChannel): ChannelPatch {
  const { type: _type, vendor: _vendor, keys, status, base_url, ...rest } = formToChannelCreate(values);
  const wasEnabled = original.status !== 'disabled';
  return {
    ...rest,
    ...(base_url && base_url !== original.base_url ? { base_url } : {}),
    ...(keys.length > 0 ? { keys } : {}),
    ...(values.isEnabled !== wasEnabled ? { status } : {}),
  };
}

/** Upstream models not yet served by the channel, in the upstream's order. */
export function modelsToImport(current: readonly string[], upstream: readonly string[]): string[] {
  const known = new Set(current);
  return upstream.filter((model) => !known.has(model));
}
