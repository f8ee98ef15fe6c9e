// Fields that carry the prompt in the four request dialects (chat `messages`, Responses `input` and
// `instructions`, Anthropic `system`, Gemini `contents` and `systemInstruction`).
const promptFields = [
  'messages',
  'input',
  'instructions',
  'system',
  'contents',
  'systemInstruction',
  'prompt',
];

// Labels, not prompt text: `role: "user"` must not change the count.
const structuralKeys = new Set(['role', 'type']);

function sumStringLengths(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + sumStringLengths(item), 0);
  if (value !== null && typeof value === 'object') {
    let sum = 0;
    for (const [key, item] of Object.entries(value))
      if (!structuralKeys.has(key)) sum += sumStringLengths(item);
    return sum;
  }
  return 0;
}

/**
 * A deterministic stand-in for a tokenizer: one token per four characters of prompt text, at least one.
 * Cheap on purpose (the simulator serves benchmarks); tests predict it with the same formula.
 */
export function estimatePromptTokens(body: unknown): number {
  if (body === null || typeof body !== 'object') return 1;
  let characters = 0;
  for (const field of promptFields) characters += sumStringLengths((body as Record<string, unknown>)[field]);
  return Math.max(1, Math.ceil(characters / 4));
}
