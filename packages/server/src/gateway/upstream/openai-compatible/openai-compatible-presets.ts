/**
 * OpenAI-compatible vendors as data. `baseUrl` is the prefix the vendor documents for its
 * OpenAI-compatible API (the part before `/chat/completions`); an admin may override it per channel.
 */
export interface OpenAICompatiblePreset {
  displayName: string;
  baseUrl: string;
  /**
   * Whether the vendor honours `stream_options.include_usage`. Where it does not, it still sends
   * usage in its last chunk by itself (noted per vendor), so the gateway leaves the body alone.
   */
  isStreamUsageOptionSupported: boolean;
  /** Request fields the vendor rejects, removed before forwarding. */
  unsupportedRequestFields: readonly string[];
}

export const openAICompatiblePresets = {
  // @see https://api-docs.deepseek.com/api/create-chat-completion (stream_options.include_usage)
  deepseek: {
    displayName: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    isStreamUsageOptionSupported: true,
    unsupportedRequestFields: [],
  },
  // Kimi sends usage inside the last chunk's choices[0].usage, without being asked.
  // @see https://platform.moonshot.cn/docs/api/chat
  moonshot: {
    displayName: 'Moonshot (Kimi)',
    baseUrl: 'https://api.moonshot.cn/v1',
    isStreamUsageOptionSupported: false,
    unsupportedRequestFields: [],
  },
  // @see https://help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope
  qwen: {
    displayName: 'Qwen (DashScope)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    isStreamUsageOptionSupported: true,
    unsupportedRequestFields: [],
  },
  // GLM puts usage on its final chunk unasked. @see https://docs.bigmodel.cn/api-reference
  zhipu: {
    displayName: 'Zhipu (GLM)',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    isStreamUsageOptionSupported: false,
    unsupportedRequestFields: ['stream_options'],
  },
  // MiniMax sends usage on its final chunk unasked. @see https://platform.minimax.io/docs/api-reference
  minimax: {
    displayName: 'MiniMax',
    baseUrl: 'https://api.minimax.io/v1',
    isStreamUsageOptionSupported: false,
    unsupportedRequestFields: [],
  },
} as const satisfies Record<string, OpenAICompatiblePreset>;

export type OpenAICompatibleVendor = keyof typeof openAICompatiblePresets;

export const openAICompatibleVendors = Object.keys(openAICompatiblePresets) as OpenAICompatibleVendor[];
