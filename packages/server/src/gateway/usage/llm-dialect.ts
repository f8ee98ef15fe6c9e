/**
 * The four wire protocols the gateway speaks, inbound and upstream. OpenAI-compatible vendors
 * (DeepSeek, Moonshot, Qwen, Zhipu, MiniMax) speak `openai-chat`.
 */
export type Dialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

export const dialects: readonly Dialect[] = [
  'openai-chat',
  'openai-responses',
  'anthropic-messages',
  'gemini',
];
