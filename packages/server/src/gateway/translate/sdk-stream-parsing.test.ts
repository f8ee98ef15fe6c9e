import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixedReplyServer, serveFixedReply } from './__fixtures__/serve-fixed-reply.js';
import { translateRecordedStream } from './__fixtures__/translate-recorded-stream.js';
import { createStreamTranslator } from './create-stream-translator.js';

// The official SDKs read what the translators write: each SDK's own stream parser and
// accumulator must arrive at the recorded text, tool calls and usage.

let server: FixedReplyServer;
beforeAll(async () => {
  server = await serveFixedReply();
});
afterAll(async () => {
  await server.close();
});

function serveStream(body: string): void {
  server.setReply({ status: 200, contentType: 'text/event-stream', body });
}

const openai = () => new OpenAI({ apiKey: 'sk-test', baseURL: `${server.baseUrl}/v1`, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 0 });
const gemini = () => new GoogleGenAI({ apiKey: 'sk-test', httpOptions: { baseUrl: server.baseUrl } });

describe('openai SDK reading translated streams', () => {
  it('accumulates an Anthropic tool-use stream as a chat completion with tool_calls and usage', async () => {
    serveStream(translateRecordedStream({ fixture: 'anthropic-json-tool.1', to: 'openai-chat' }));
    const stream = openai().chat.completions.stream({
      model: 'gateway-model',
      messages: [{ role: 'user', content: 'x' }],
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.usage?.prompt_tokens).toBe(849);
    expect(completion.usage?.completion_tokens).toBe(47);
  });

  it('accumulates a Gemini text stream as chat content', async () => {
    serveStream(translateRecordedStream({ fixture: 'google-text', to: 'openai-chat' }));
    const completion = await openai()
      .chat.completions.stream({ model: 'gateway-model', messages: [{ role: 'user', content: 'x' }] })
      .finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe(
      'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
    );
  });

  it('raises the translated mid-stream error as an APIError', async () => {
    const translator = createStreamTranslator({
      from: 'anthropic-messages',
      to: 'openai-chat',
      requestedModel: 'm',
      includeUsageForClient: false,
    });
    serveStream(
      translator.push({
        event: 'content_block_delta',
        data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
      }) + translator.fail({ status: 502, message: 'upstream reset' }),
    );
    const stream = await openai().chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toThrow(/upstream reset/);
  });

  it('accumulates a chat tool-call stream as a Responses function_call with reasoning and usage', async () => {
    serveStream(translateRecordedStream({ fixture: 'deepseek-tool-call', to: 'openai-responses' }));
    const response = await openai().responses.stream({ model: 'gateway-model', input: 'x' }).finalResponse();
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' ? [call.name, JSON.parse(call.arguments)] : undefined).toEqual([
      'weather',
      { location: 'San Francisco' },
    ]);
    expect(response.output[0]?.type).toBe('reasoning');
    expect(response.usage).toMatchObject({
      input_tokens: 339,
      input_tokens_details: { cached_tokens: 320 },
      output_tokens: 83,
      output_tokens_details: { reasoning_tokens: 39 },
    });
  });

  it('accumulates an Anthropic text stream as Responses output_text', async () => {
    serveStream(translateRecordedStream({ fixture: 'anthropic-text', to: 'openai-responses' }));
    const response = await openai().responses.stream({ model: 'gateway-model', input: 'x' }).finalResponse();
    expect(response.output_text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(response.status).toBe('completed');
  });

  it('restores a Codex custom tool (apply_patch) from the flattened function call', async () => {
    const requestBody = {
      tools: [
        {
          type: 'custom',
          name: 'write_sql',
          format: { type: 'grammar', syntax: 'regex', definition: 'SELECT .+' },
        },
      ],
    };
    const translator = createStreamTranslator({
      from: 'openai-chat',
      to: 'openai-responses',
      requestedModel: 'm',
      includeUsageForClient: false,
      requestBody,
    });
    const chunks = [
      '{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"write_sql","arguments":"{\\"input\\":\\"SELECT *"}}]}}]}',
      '{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":" FROM t\\"}"}}]},"finish_reason":"tool_calls"}]}',
    ];
    serveStream(
      chunks.map((data) => translator.push({ event: undefined, data })).join('') + translator.finish(),
    );
    const response = await openai().responses.stream({ model: 'm', input: 'x' }).finalResponse();
    expect(response.output[0]).toMatchObject({
      type: 'custom_tool_call',
      name: 'write_sql',
      call_id: 'call_1',
      input: 'SELECT * FROM t',
    });
  });
});

describe('@anthropic-ai/sdk reading translated streams', () => {
  it('accumulates a chat text stream as a message with the final usage', async () => {
    serveStream(translateRecordedStream({ fixture: 'openai-text', to: 'anthropic-messages' }));
    const message = await anthropic()
      .messages.stream({ model: 'gateway-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    expect(text.startsWith('**Holiday Name:** Harmony Day')).toBe(true);
    expect(message.usage.input_tokens).toBe(16);
    expect(message.usage.output_tokens).toBe(300);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('accumulates streamed Gemini function-call arguments as two tool_use blocks', async () => {
    serveStream(
      translateRecordedStream({ fixture: 'google-stream-tool-call-arguments', to: 'anthropic-messages' }),
    );
    const message = await anthropic()
      .messages.stream({ model: 'gateway-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(message.content.map((block) => (block.type === 'tool_use' ? block.input : block.type))).toEqual([
      { location: 'Boston' },
      { location: 'San Francisco' },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.input_tokens).toBe(26);
  });

  it('keeps thinking and text blocks apart for a reasoning chat stream', async () => {
    serveStream(translateRecordedStream({ fixture: 'moonshotai-stream', to: 'anthropic-messages' }));
    const message = await anthropic()
      .messages.stream({ model: 'gateway-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[1]?.type === 'text' ? message.content[1].text : '').toBe('Hello!');
  });

  it('raises the translated error event', async () => {
    const translator = createStreamTranslator({
      from: 'gemini',
      to: 'anthropic-messages',
      requestedModel: 'm',
      includeUsageForClient: false,
    });
    serveStream(
      translator.push({
        event: undefined,
        data: '{"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]}}]}',
      }) + translator.fail({ status: 503, message: 'no capacity' }),
    );
    const stream = anthropic().messages.stream({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/no capacity/);
  });
});

describe('@google/genai reading translated streams', () => {
  it('reads an Anthropic text stream chunk by chunk, with usage on the last chunk', async () => {
    serveStream(translateRecordedStream({ fixture: 'anthropic-text', to: 'gemini' }));
    let text = '';
    let lastUsage: unknown;
    for await (const chunk of await gemini().models.generateContentStream({
      model: 'gateway-model',
      contents: 'x',
    })) {
      text += chunk.text ?? '';
      lastUsage = chunk.usageMetadata ?? lastUsage;
    }
    expect(text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(lastUsage).toEqual({ promptTokenCount: 12, candidatesTokenCount: 30, totalTokenCount: 42 });
  });

  it('reads a chat tool-call stream as a whole function call', async () => {
    serveStream(translateRecordedStream({ fixture: 'alibaba-tool-call', to: 'gemini' }));
    const calls = [];
    for await (const chunk of await gemini().models.generateContentStream({
      model: 'gateway-model',
      contents: 'x',
    }))
      calls.push(...(chunk.functionCalls ?? []));
    expect(calls).toEqual([{ name: 'weather', args: { location: 'San Francisco' } }]);
  });

  it('raises the translated error chunk', async () => {
    const translator = createStreamTranslator({
      from: 'openai-chat',
      to: 'gemini',
      requestedModel: 'm',
      includeUsageForClient: false,
    });
    serveStream(translator.fail({ status: 429, message: 'slow down' }));
    await expect(async () => {
      for await (const _chunk of await gemini().models.generateContentStream({ model: 'm', contents: 'x' })) {
        // drain
      }
    }).rejects.toThrow(/slow down/);
  });
});

describe('Codex capture', () => {
  it('translates to the same Responses event types, in the same order, as the capture Codex accepted', () => {
    const capture = readFileSync(
      new URL('./__fixtures__/codex/codex-text-response.sse', import.meta.url),
      'utf8',
    );
    const captured = [...capture.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    const translated = translateRecordedStream({ fixture: 'anthropic-text', to: 'openai-responses' });
    const ours = [...translated.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    // Ours adds the optional in_progress, content_part and *.done events the OpenAI API also sends.
    const optional = new Set([
      'response.in_progress',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
    ]);
    expect([...new Set(ours.filter((type) => !optional.has(type ?? '')))]).toEqual([...new Set(captured)]);
  });
});
