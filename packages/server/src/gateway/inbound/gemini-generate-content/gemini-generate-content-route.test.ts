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
});
