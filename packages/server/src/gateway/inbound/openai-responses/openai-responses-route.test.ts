import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../../gateway-test-harness.js';

describeEachDialect('POST /v1/responses', (dialect) => {
  let harness: GatewayHarness;
  let client: OpenAI;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ models: ['gpt-5'] });
    client = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it('passes a Responses stream through to an OpenAI channel with reasoning usage', async () => {
    harness.sim.enqueueReply({
      text: 'Done.',
      reasoning: 'hmm',
      usage: { input: 30, cache_read: 10, output: 12, reasoning: 5 },
    });
    const stream = client.responses.stream({ model: 'gpt-5', input: 'go' });
    const response = await stream.finalResponse();
    expect(response.output_text).toBe('Done.');
    expect(harness.sim.requests[0].path).toBe('/v1/responses');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      inbound: 'openai-responses',
      outbound: 'openai-responses',
      usage: { input: 30, cache_read: 10, output: 12, reasoning: 5 },
      usage_source: 'reported',
    });
  });

  it('answers a non-stream Responses call', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'hi' });
    expect(response.output_text).toBeTruthy();
  });
});
