import { listFixtures, loadFixture } from '@switchyard/llm-sim';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';

// How a client asks for each recorded protocol, and which channel type serves it.
const requestsByProtocol = {
  'openai-chat': (isStream: boolean) => ({
    path: '/v1/chat/completions',
    body: {
      model: 'fx-openai',
      messages: [{ role: 'user', content: 'x' }],
      stream: isStream,
      ...(isStream ? { stream_options: { include_usage: true } } : {}),
    },
  }),
  'openai-responses': (isStream: boolean) => ({
    path: '/v1/responses',
    body: { model: 'fx-openai', input: 'x', stream: isStream },
  }),
  'anthropic-messages': (isStream: boolean) => ({
    path: '/v1/messages',
    body: {
      model: 'fx-anthropic',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
      stream: isStream,
    },
  }),
  'gemini-generate-content': (isStream: boolean) => ({
    path: `/v1beta/models/fx-gemini:${isStream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    body: { contents: [{ role: 'user', parts: [{ text: 'x' }] }] },
  }),
} as const;

const cases = listFixtures().flatMap((facts) => {
  const request = requestsByProtocol[facts.protocol as keyof typeof requestsByProtocol];
  if (!request) return [];
  const modes = [];
  if (facts.stream) modes.push({ isStream: true, expectedUsage: facts.stream.expectedUsage });
  // A recorded error status (Gemini's 429) is a failover case, covered by the routing tests.
  if (facts.json && facts.json.status === 200)
    modes.push({ isStream: false, expectedUsage: facts.json.expectedUsage });
  return modes.map((mode) => ({ name: facts.name, request: request(mode.isStream), ...mode }));
});

describeEachDialect('recorded provider replies through a same-protocol channel', (dialect) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ name: 'openai', models: ['fx-openai'] });
    await harness.createChannel({
      name: 'anthropic',
      type: 'anthropic',
      base_url: harness.sim.url,
      models: ['fx-anthropic'],
    });
    await harness.createChannel({
      name: 'gemini',
      type: 'gemini',
      base_url: harness.sim.url,
      models: ['fx-gemini'],
    });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it.each(cases)(
    'passes $name (stream: $isStream) through byte for byte with its exact usage',
    async (fixtureCase) => {
      const fixture = loadFixture(fixtureCase.name);
      harness.sim.enqueueReply({ replay: fixtureCase.name });
      const response = await fetch(`${harness.baseUrl}${fixtureCase.request.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${harness.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(fixtureCase.request.body),
      });
      const received = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBe(200);
      const expected = fixtureCase.isStream ? fixture.streamBytes : fixture.jsonBytes;
      expect(received.equals(expected as Buffer)).toBe(true);
      const [log] = await harness.listLogs('?limit=1');
      if (fixtureCase.expectedUsage) {
        expect(log).toMatchObject({ usage: fixtureCase.expectedUsage, usage_source: 'reported' });
      } else {
        expect(log.usage_source).toBe('estimated');
      }
    },
  );
});
