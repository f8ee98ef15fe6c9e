import type { PriceSnapshot } from './compute-cost-micros.js';

/**
 * Default list prices, USD micro-units per 1M tokens, as published by each provider on 2026-11-01.
 * They apply until an admin sets a price for the model (a row in model_prices always wins).
 * Columns: input (uncached), cache_read, cache_write, output.
 */
export const defaultPriceTableDate = '2026-11-01';

const usd = (
  model: string,
  input: number,
  cacheRead: number,
  cacheWrite: number,
  output: number,
): PriceSnapshot => ({
  model,
  currency: 'USD',
  input: Math.round(input * 1_000_000),
  cache_read: Math.round(cacheRead * 1_000_000),
  cache_write: Math.round(cacheWrite * 1_000_000),
  output: Math.round(output * 1_000_000),
  reasoning: null,
});

export const defaultPriceTable: readonly PriceSnapshot[] = [
  // OpenAI
  usd('gpt-4', 30, 30, 30, 60),
  usd('gpt-4-turbo', 10, 10, 10, 30),
  usd('gpt-4o', 2.5, 1.25, 2.5, 10),
  usd('gpt-4o-mini', 0.15, 0.075, 0.15, 0.6),
  usd('gpt-4.1', 2, 0.5, 2, 8),
  usd('gpt-4.1-mini', 0.4, 0.1, 0.4, 1.6),
  usd('gpt-4.1-nano', 0.1, 0.025, 0.1, 0.4),
  usd('gpt-5', 1.25, 0.125, 1.25, 10),
  usd('gpt-5-mini', 0.25, 0.025, 0.25, 2),
  usd('gpt-5-nano', 0.05, 0.005, 0.05, 0.4),
  usd('o3', 2, 0.5, 2, 8),
  usd('o4-mini', 1.1, 0.275, 1.1, 4.4),
  usd('text-embedding-3-small', 0.02, 0.02, 0.02, 0),
  usd('text-embedding-3-large', 0.13, 0.13, 0.13, 0),
  // Anthropic (cache_write = 5-minute cache write)
  usd('claude-opus-4-1', 15, 1.5, 18.75, 75),
  usd('claude-sonnet-4-5', 3, 0.3, 3.75, 15),
  usd('claude-sonnet-4', 3, 0.3, 3.75, 15),
  usd('claude-haiku-4-5', 1, 0.1, 1.25, 5),
  usd('claude-3-5-haiku', 0.8, 0.08, 1, 4),
  // Google Gemini (≤ 200k-token prompts)
  usd('gemini-2.5-pro', 1.25, 0.31, 1.25, 10),
  usd('gemini-2.5-flash', 0.3, 0.075, 0.3, 2.5),
  usd('gemini-2.5-flash-lite', 0.1, 0.025, 0.1, 0.4),
  usd('gemini-2.0-flash', 0.1, 0.025, 0.1, 0.4),
  // DeepSeek
  usd('deepseek-chat', 0.28, 0.028, 0.28, 0.42),
  usd('deepseek-reasoner', 0.28, 0.028, 0.28, 0.42),
  // Qwen (Alibaba Cloud international)
  usd('qwen-max', 1.6, 1.6, 1.6, 6.4),
  usd('qwen-plus', 0.4, 0.4, 0.4, 1.2),
  usd('qwen-turbo', 0.05, 0.05, 0.05, 0.2),
  usd('qwen3-coder-plus', 1, 0.1, 1, 5),
  // Moonshot Kimi
  usd('kimi-k2', 0.6, 0.15, 0.6, 2.5),
  usd('moonshot-v1-8k', 0.2, 0.2, 0.2, 2),
  // Zhipu GLM
  usd('glm-4.6', 0.6, 0.11, 0.6, 2.2),
  usd('glm-4.5', 0.6, 0.11, 0.6, 2.2),
  usd('glm-4.5-air', 0.2, 0.03, 0.2, 1.1),
  // MiniMax
  usd('minimax-m2', 0.3, 0.03, 0.375, 1.2),
  usd('abab6.5s-chat', 0.14, 0.14, 0.14, 0.14),
];

/** Built-in aliases: names that bill as another model. Admins add more. */
export const defaultPriceAliases: Readonly<Record<string, string>> = {
  'gpt-4-turbo-preview': 'gpt-4-turbo',
  'gpt-4-0613': 'gpt-4',
  'chatgpt-4o-latest': 'gpt-4o',
  'kimi-k2-0905-preview': 'kimi-k2',
  'kimi-k2-turbo-preview': 'kimi-k2',
};
