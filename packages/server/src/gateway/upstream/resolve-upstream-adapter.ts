import type { ChannelType } from '../channels/channel-schemas.js';
import { anthropicAdapter } from './anthropic/anthropic-adapter.js';
import { geminiAdapter } from './gemini/gemini-adapter.js';
import { openAIAdapter } from './openai/openai-adapter.js';
import { createOpenAICompatibleAdapter } from './openai-compatible/openai-compatible-adapter.js';
import {
  type OpenAICompatibleVendor,
  openAICompatiblePresets,
} from './openai-compatible/openai-compatible-presets.js';
import type { UpstreamAdapter } from './upstream-adapter.js';

const isKnownVendor = (vendor: string | null): vendor is OpenAICompatibleVendor =>
  vendor !== null && Object.hasOwn(openAICompatiblePresets, vendor);

const compatibleAdapters = new Map<string, UpstreamAdapter>();

/** The adapter for a channel's type (and vendor preset), built once per vendor. */
export function resolveUpstreamAdapter(channel: {
  type: ChannelType;
  vendor: string | null;
}): UpstreamAdapter {
  if (channel.type === 'openai') return openAIAdapter;
  if (channel.type === 'anthropic') return anthropicAdapter;
  if (channel.type === 'gemini') return geminiAdapter;
  const vendor = isKnownVendor(channel.vendor) ? channel.vendor : null;
  const cacheKey = vendor ?? '';
  let adapter = compatibleAdapters.get(cacheKey);
  if (!adapter) {
    adapter = createOpenAICompatibleAdapter(vendor);
    compatibleAdapters.set(cacheKey, adapter);
  }
  return adapter;
}
