import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { estimateUsage } from './estimate-usage.js';

describe(estimateUsage.name, () => {
  it('counts prompt text and output text with the tokenizer and tags the result estimated', () => {
    const requestBody = {
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hello to the world please.' },
      ],
    };
    const estimate = estimateUsage({ dialect: 'openai-chat', requestBody, outputText: 'Hello, world!' });
    expect(estimate.source).toBe('estimated');
    expect(estimate.usage).toEqual({
      input: countTokens('You are terse.\nSay hello to the world please.'),
      cache_read: 0,
      cache_write: 0,
      output: countTokens('Hello, world!'),
      reasoning: 0,
    });
    expect(estimate.usage.input).toBeGreaterThan(5);
  });

  it('does not count base64 image bytes or identifiers as prompt text', () => {
    const image = 'A'.repeat(20_000);
    const requestBody = {
      model: 'claude-sonnet-4-5',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: image } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    };
    const estimate = estimateUsage({ dialect: 'anthropic-messages', requestBody, outputText: '' });
    expect(estimate.usage.input).toBe(countTokens('What is this?'));
    expect(estimate.usage.output).toBe(0);
  });
});
