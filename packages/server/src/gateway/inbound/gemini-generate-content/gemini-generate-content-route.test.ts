import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../../gateway-test-harness.js';

describeEachDialect('POST /v1beta/models/{model}:generateContent', (dialect) => {
  let harness: GatewayHarness;
  let client: GoogleGenAI;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ type: 'gemini', base_url: harness.sim.url, models: ['gemini-2.5-flash'] });
    client = new GoogleGenAI({ apiKey: harness.apiKey, httpOptions: { baseUrl: harness.baseUrl } });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it('answers generateContent with usage where output = candidates + thoughts', async () => {
    harness.sim.enqueueReply({
      text: 'Bonjour',
      reasoning: 'thinking',
      usage: { input: 9, output: 8, reasoning: 3 },
    });
    const response = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(response.text).toBe('Bonjour');
    expect(harness.sim.requests[0].headers['x-goog-api-key']).toBe('sk-upstream');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      inbound: 'gemini',
      outbound: 'gemini',
      stream: false,
      usage: { input: 9, output: 8, reasoning: 3 },
      usage_source: 'reported',
    });
  });

  it('streams with alt=sse and a function call', async () => {
    harness.sim.enqueueReply({ toolCalls: [{ name: 'get_time', arguments: { zone: 'UTC' } }] });
    const stream = await client.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'time?',
    });
    const calls = [];
    for await (const chunk of stream) calls.push(...(chunk.functionCalls ?? []));
    expect(calls[0]).toMatchObject({ name: 'get_time', args: { zone: 'UTC' } });
    expect(harness.sim.requests[0].query.get('alt')).toBe('sse');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ stream: true, status: 200, usage_source: 'reported' });
  });
  it('streams one JSON array when the caller does not ask for alt=sse, as Gemini does', async () => {
    harness.sim.enqueueReply({ text: 'one two three four', usage: { input: 5, output: 4 } });
    const response = await fetch(`${harness.baseUrl}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': harness.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'count' }] }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const elements = JSON.parse(await response.text()) as Array<{
      candidates?: Array<{ content?: { parts?: Array<{ text?: string }> } }>;
      usageMetadata?: { promptTokenCount: number };
    }>;
    expect(elements.length).toBeGreaterThan(1);
    const text = elements
      .flatMap((element) => element.candidates?.[0]?.content?.parts ?? [])
      .map((part) => part.text ?? '')
      .join('');
    expect(text).toBe('one two three four');
    expect(elements.at(-1)?.usageMetadata?.promptTokenCount).toBe(5);
    expect(harness.sim.requests[0].query.get('alt')).toBe('sse');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      stream: true,
      status: 200,
      usage: { input: 5, output: 4 },
      usage_source: 'reported',
    });
  });
});
