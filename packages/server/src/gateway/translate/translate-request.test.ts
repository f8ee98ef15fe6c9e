import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translateRequest } from './translate-request.js';

const chatRequest = {
  model: 'gpt-4.1',
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this image?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'lookup',
        description: 'Looks up',
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
      },
    },
  ],
  tool_choice: 'required',
  max_tokens: 100,
  temperature: 0.2,
  stop: 'END',
  stream: true,
};

function readCodexRequest(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/codex/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe(translateRequest.name, () => {
  it('turns a chat request into Anthropic: top-level system, image block, tool_use and tool_result', () => {
    const { body } = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: chatRequest,
      upstreamModel: 'claude-x',
      stream: true,
    });
    expect(body).toEqual({
      model: 'claude-x',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'lookup', input: { q: 'cat' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'a cat' }] },
      ],
      tools: [
        {
          name: 'lookup',
          description: 'Looks up',
          input_schema: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'any' },
      temperature: 0.2,
      stop_sequences: ['END'],
      stream: true,
    });
  });

  it('turns a chat request into Gemini without model or stream in the body', () => {
    const { body } = translateRequest({
      from: 'openai-chat',
      to: 'gemini',
      body: chatRequest,
      upstreamModel: 'gemini-x',
      stream: true,
    });
    expect(body).not.toHaveProperty('model');
    expect(body).not.toHaveProperty('stream');
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'What is in this image?' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'lookup', args: { q: 'cat' } },
            thoughtSignature: 'skip_thought_signature_validator',
          },
        ],
      },
      { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { result: 'a cat' } } }] },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(body.generationConfig).toEqual({ maxOutputTokens: 100, temperature: 0.2, stopSequences: ['END'] });
  });

  it('round-trips a chat request through Anthropic and back to the same messages', () => {
    const anthropicBody = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: chatRequest,
      upstreamModel: 'claude-x',
      stream: false,
    }).body;
    const { body } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: anthropicBody,
      upstreamModel: 'gpt-4.1',
      stream: false,
    });
    expect(body.messages).toEqual(chatRequest.messages);
    expect(body.tool_choice).toBe('required');
    expect(body.stop).toEqual(['END']);
  });

  it('round-trips an Anthropic request through Gemini, pairing function responses with their calls', () => {
    const anthropicBody = translateRequest({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: chatRequest,
      upstreamModel: 'claude-x',
      stream: false,
    }).body;
    const geminiBody = translateRequest({
      from: 'anthropic-messages',
      to: 'gemini',
      body: anthropicBody,
      upstreamModel: 'g',
      stream: false,
    }).body;
    const { body } = translateRequest({
      from: 'gemini',
      to: 'anthropic-messages',
      body: geminiBody,
      upstreamModel: 'claude-x',
      stream: false,
    });
    const messages = body.messages as { content: { type: string; tool_use_id?: string; id?: string }[] }[];
    expect(messages[1]?.content[0]?.id).toBe('gemini_call_0');
    expect(messages[2]?.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 'gemini_call_0',
      content: 'a cat',
    });
    expect(body.system).toBe('Be brief.');
  });

  it('always asks a chat upstream for stream usage', () => {
    const { body } = translateRequest({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], stream: true },
      upstreamModel: 'deepseek-chat',
      stream: true,
    });
    expect(body).toMatchObject({
      model: 'deepseek-chat',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 5,
    });
  });

  it('turns the Codex tool-loop request into chat messages with developer text as the system prompt', () => {
    const codexRequest = readCodexRequest('codex-tool-result-request.json');
    const { body } = translateRequest({
      from: 'openai-responses',
      to: 'openai-chat',
      body: codexRequest,
      upstreamModel: 'deepseek-chat',
      stream: true,
    });
    const messages = body.messages as {
      role: string;
      content: unknown;
      tool_calls?: unknown[];
      tool_call_id?: string;
    }[];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'user', 'assistant', 'tool']);
    expect(String(messages[0]?.content)).toMatch(/^You are Codex/);
    expect(messages[3]?.tool_calls).toEqual([
      {
        id: 'call_2',
        type: 'function',
        function: { name: 'exec_command', arguments: expect.stringContaining('main.cpp') },
      },
    ]);
    expect(messages[4]?.tool_call_id).toBe('call_2');
    const toolNames = (body.tools as { function: { name: string } }[]).map((tool) => tool.function.name);
    expect(toolNames).toEqual([
      'exec_command',
      'write_stdin',
      'request_user_input',
      'apply_patch',
      'view_image',
      'get_goal',
      'create_goal',
      'update_goal',
    ]);
    expect(body).not.toHaveProperty('store');
    expect(body).not.toHaveProperty('reasoning');
  });

  it('flattens Codex namespace tools and maps --output-schema to response_format', () => {
    const request = {
      input: 'hi',
      tools: [
        {
          type: 'namespace',
          name: 'mcp__oi',
          tools: [{ type: 'function', name: 'echo', parameters: { type: 'object', properties: {} } }],
        },
        { type: 'web_search' },
      ],
      ...readCodexRequest('codex-output-schema-text-field.json'),
    };
    const { body } = translateRequest({
      from: 'openai-responses',
      to: 'openai-chat',
      body: request,
      upstreamModel: 'm',
      stream: false,
    });
    expect((body.tools as { function: { name: string } }[]).map((tool) => tool.function.name)).toEqual([
      'mcp__oi__echo',
    ]);
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'codex_output_schema', strict: true },
    });
    expect(body.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('translates the Codex first-turn request to Anthropic and Gemini too', () => {
    const codexRequest = readCodexRequest('codex-text-request.json');
    const anthropicBody = translateRequest({
      from: 'openai-responses',
      to: 'anthropic-messages',
      body: codexRequest,
      upstreamModel: 'claude-x',
      stream: true,
    }).body;
    expect(String(anthropicBody.system)).toMatch(/^You are Codex/);
    expect((anthropicBody.messages as unknown[]).length).toBeGreaterThan(0);
    const geminiBody = translateRequest({
      from: 'openai-responses',
      to: 'gemini',
      body: codexRequest,
      upstreamModel: 'g',
      stream: true,
    }).body;
    expect(geminiBody.contents).toEqual(
      expect.arrayContaining([{ role: 'user', parts: [{ text: 'Say hello' }] }]),
    );
  });

  it('refuses Responses as an upstream dialect', () => {
    expect(() =>
      translateRequest({
        from: 'openai-chat',
        to: 'openai-responses',
        body: chatRequest,
        upstreamModel: 'm',
        stream: false,
      }),
    ).toThrow(/cannot be sent/);
  });
});
