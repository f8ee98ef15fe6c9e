import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LlmSim, startLlmSim } from './llm-sim-server.js';

// Error bodies of three dialects are read loosely on purpose.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = Record<string, any>;

let sim: LlmSim;

beforeAll(async () => {
  sim = await startLlmSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const chatStreamBody = { model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'hi' }] };

function post(
  path: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

async function readFirstChunk(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const { value } = (await reader?.read()) ?? {};
  return new TextDecoder().decode(value);
}

function splitEvents(text: string): string[] {
  return text.split('\n\n').filter((event) => event !== '');
}

describe('status faults', () => {
  const shapes = [
    { path: '/v1/chat/completions', read: (body: Json) => body.error.type },
    { path: '/v1/responses', read: (body: Json) => body.error.type },
    { path: '/v1/messages', read: (body: Json) => `${body.type}/${body.error.type}` },
    {
      path: '/v1beta/models/g:generateContent',
      read: (body: Json) => `${body.error.code}/${body.error.status}`,
    },
  ];
  const expectedTypes: Record<string, string[]> = {
    '/v1/chat/completions': [
      'invalid_request_error',
      'invalid_request_error',
      'requests',
      'server_error',
      'server_error',
    ],
    '/v1/responses': [
      'invalid_request_error',
      'invalid_request_error',
      'requests',
      'server_error',
      'server_error',
    ],
    '/v1/messages': [
      'error/authentication_error',
      'error/permission_error',
      'error/rate_limit_error',
      'error/api_error',
      'error/api_error',
    ],
    '/v1beta/models/g:generateContent': [
      '401/UNAUTHENTICATED',
      '403/PERMISSION_DENIED',
      '429/RESOURCE_EXHAUSTED',
      '500/INTERNAL',
      '503/UNAVAILABLE',
    ],
  };
  it.each(shapes)('answers each status from x-sim-fault in the $path error shape', async ({ path, read }) => {
    const seen: string[] = [];
    for (const status of [401, 403, 429, 500, 503]) {
      const response = await post(
        path,
        { model: 'm' },
        { headers: { 'x-sim-fault': `status=${status}; retry-after=4` } },
      );
      expect(response.status).toBe(status);
      expect(response.headers.get('retry-after')).toBe('4');
      seen.push(read((await response.json()) as Json));
    }
    expect(seen).toEqual(expectedTypes[path]);
  });

  it('applies a configured fault only to its model', async () => {
    sim.setFaults({ byModel: { flaky: { status: 503 } } });
    expect((await post('/v1/chat/completions', { model: 'flaky', messages: [] })).status).toBe(503);
    expect((await post('/v1/chat/completions', { model: 'steady', messages: [] })).status).toBe(200);
  });

  it('rejects an unknown x-sim-fault token with 400', async () => {
    const response = await post(
      '/v1/chat/completions',
      { model: 'm' },
      { headers: { 'x-sim-fault': 'sttus=500' } },
    );
    expect(response.status).toBe(400);
  });
});

describe('stream faults', () => {
  it('disconnects after N events and records the cut as the simulator’s', async () => {
    sim.enqueueReply({ text: 'one two three four', fault: { disconnectAfterChunks: 2 } });
    const response = await post('/v1/chat/completions', chatStreamBody);
    const reader = response.body!.getReader();
    let received = '';
    await expect(
      (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      })(),
    ).rejects.toThrow();
    expect(splitEvents(received)).toHaveLength(2);
    expect(await sim.requests[0].settled).toBe('sim_disconnected');
  });

  it('leaves out every usage field when omitUsage is set', async () => {
    sim.enqueueReply({ text: 'a b', fault: { omitUsage: true } });
    const response = await post('/v1/chat/completions', {
      ...chatStreamBody,
      stream_options: { include_usage: true },
    });
    const events = splitEvents(await response.text());
    expect(events.some((event) => event.includes('"usage":{'))).toBe(false);
    expect(events.at(-1)).toBe('data: [DONE]');

    sim.enqueueReply({ text: 'a b', fault: { omitUsage: true } });
    const message = (await (await post('/v1/messages', { model: 'c', messages: [] })).json()) as Json;
    expect(message.usage).toBeUndefined();
  });

  it('replaces one event with a payload that is not JSON', async () => {
    sim.enqueueReply({ text: 'a b c', fault: { malformedChunkAt: 1 } });
    const events = splitEvents(await (await post('/v1/chat/completions', chatStreamBody)).text());
    expect(() => JSON.parse(events[1].slice('data: '.length))).toThrow();
    expect(JSON.parse(events[2].slice('data: '.length)).choices[0].delta.content).toBe('b ');
  });

  it('sends the protocol error event mid-stream and ends the stream', async () => {
    sim.enqueueReply({ text: 'a b c', fault: { streamErrorAfterChunks: 2, message: 'Overloaded' } });
    const events = splitEvents(await (await post('/v1/messages', { ...chatStreamBody, model: 'c' })).text());
    expect(events).toHaveLength(3);
    expect(events[2]).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    );
  });

  it('delivers every event when chunks are slowed down', async () => {
    sim.enqueueReply({ text: 'a b c', fault: { chunkDelayMs: 5 } });
    const events = splitEvents(await (await post('/v1/chat/completions', chatStreamBody)).text());
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events).toHaveLength(6);
  });

  it('sends a replayed fixture with a disconnect after its first event', async () => {
    sim.enqueueReply({ replay: 'anthropic-text', fault: { disconnectAfterChunks: 1 } });
    const response = await post('/v1/messages', { model: 'c', stream: true });
    await expect(response.text()).rejects.toThrow();
    expect(await sim.requests[0].settled).toBe('sim_disconnected');
  });
});

describe('client aborts', () => {
  it('records an abort while the simulator hangs before headers', async () => {
    const controller = new AbortController();
    const pending = post('/v1/chat/completions', chatStreamBody, {
      headers: { 'x-sim-fault': 'hang' },
      signal: controller.signal,
    });
    const [record] = await sim.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await record.settled).toBe('client_aborted');
    expect(record.isAborted).toBe(true);
  });

  it('records an abort during latency before headers', async () => {
    const controller = new AbortController();
    let hasHeaders = false;
    const pending = post(
      '/v1/messages',
      { model: 'c' },
      {
        headers: { 'x-sim-fault': 'latency-ms=60000' },
        signal: controller.signal,
      },
    ).then(() => {
      hasHeaders = true;
    });
    const [record] = await sim.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(hasHeaders).toBe(false);
    expect(await record.settled).toBe('client_aborted');
  });

  it('records an abort after the first events of a stream that hangs', async () => {
    sim.enqueueReply({ text: 'a b c', fault: { hangAfterChunks: 1 } });
    const controller = new AbortController();
    const response = await post('/v1/chat/completions', chatStreamBody, { signal: controller.signal });
    expect(await readFirstChunk(response)).toContain('"role":"assistant"');
    controller.abort();
    expect(await sim.requests[0].settled).toBe('client_aborted');
  });

  it('records a completed exchange as completed and not aborted', async () => {
    await (await post('/v1/chat/completions', chatStreamBody)).text();
    expect(await sim.requests[0].settled).toBe('completed');
    expect(sim.requests[0].isAborted).toBe(false);
  });
});
