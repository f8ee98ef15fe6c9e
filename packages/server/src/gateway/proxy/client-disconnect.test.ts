import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';

describeEachDialect('client disconnect mid-stream', (dialect) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ type: 'anthropic', base_url: harness.sim.url, models: ['claude-house'] });
  });
  afterAll(async () => {
    await harness.dispose();
  });

  it('aborts the upstream and records estimated usage when the client goes away', async () => {
    // hang-after keeps the upstream open forever once 3 events are out: only an abort can end it.
    harness.sim.enqueueReply({
      text: 'a long answer that never finishes streaming',
      fault: { hangAfterChunks: 3 },
    });
    // The server-side socket that carries this request: it must be closed once the caller has gone.
    const requestSockets: import('node:net').Socket[] = [];
    const onConnection = (socket: import('node:net').Socket) =>
      socket.once('data', () => requestSockets.push(socket));
    harness.platform.app.server.on('connection', onConnection);
    const controller = new AbortController();
    const response = await fetch(`${harness.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': harness.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-house',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content: 'tell me a story' }],
      }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    controller.abort();
    const [upstreamRequest] = await harness.sim.waitForRequests(1);
    expect(await upstreamRequest.settled).toBe('client_aborted');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      status: 499,
      error_code: 'client_closed_request',
      stream: true,
      usage_source: 'estimated',
    });
    expect((log.usage as { input: number }).input).toBeGreaterThan(0);
    // Nothing left hanging: the aborted caller's socket is closed on the server side too.
    harness.platform.app.server.off('connection', onConnection);
    expect(requestSockets).toHaveLength(1);
    const deadline = Date.now() + 5_000;
    while (!requestSockets[0]?.destroyed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(requestSockets[0]?.destroyed).toBe(true);
  });
});
