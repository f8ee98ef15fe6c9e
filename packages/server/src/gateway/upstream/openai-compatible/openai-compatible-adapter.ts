import { openAIAdapter } from '../openai/openai-adapter.js';
import type { UpstreamAdapter } from '../upstream-adapter.js';
import { type OpenAICompatibleVendor, openAICompatiblePresets } from './openai-compatible-presets.js';

/**
 * An OpenAI-compatible vendor: the OpenAI chat wire format with the vendor's quirks from its preset.
 * Without a preset (a self-hosted vLLM, an OpenAI-style relay) the defaults are OpenAI's own.
 */
export function createOpenAICompatibleAdapter(vendor: OpenAICompatibleVendor | null): UpstreamAdapter {
  const preset = vendor ? openAICompatiblePresets[vendor] : undefined;
  return {
    ...openAIAdapter,
    nativeDialects: ['openai-chat'],
    isStreamUsageOptionSupported: preset?.isStreamUsageOptionSupported ?? true,
    unsupportedRequestFields: preset?.unsupportedRequestFields ?? [],
  };
}

/** The preset base URL for a vendor, used when a channel gives none. */
export function presetBaseUrl(vendor: OpenAICompatibleVendor): string {
  return openAICompatiblePresets[vendor].baseUrl;
}
