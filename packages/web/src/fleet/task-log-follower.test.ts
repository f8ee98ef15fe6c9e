import { describe, expect, it } from 'vitest';
import type { TaskLogItem } from './fleet-api.js';
import { followTaskLog, reconnectDelayMs, type TaskLogFollowerDeps } from './task-log-follower.js';

const logFrame = (offset: number, data: string) =>
  `id: ${offset}\nevent: log\ndata: ${JSON.stringify({ offset, attempt_id: 'att-1', stream: 'stdout', data })}\n\n`;
const endFrame = (nextOffset: number) =>
  `event: end\ndata: ${JSON.stringify({ state: 'succeeded', next_offset: nextOffset })}\n\n`;

/** A response whose body yields `chunks` and then closes, as a dropped connection does. */
function streamResponse(chunks: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

function scriptedDeps(responses: Array<() => Response>, token = { value: 'access-1' }) {
  const calls: Array<{ url: string; authorization: string | undefined }> = [];
  const waits: number[] = [];
  let renewals = 0;
  const deps: TaskLogFollowerDeps = {
    fetch: (async (input: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({ url: String(input), authorization: headers.authorization });
      const next = responses.shift();
      if (!next) throw new TypeError('no more scripted responses');
      return next();
    }) as typeof fetch,
    readAccessToken: () => token.value,
    renewSession: async () => {
      renewals += 1;
      token.value = `access-${renewals + 1}`;
      return true;
    },
    wait: async (delayMs) => {
      waits.push(delayMs);
    },
  };
  return { deps, calls, waits, renewals: () => renewals };
}

function follow(deps: TaskLogFollowerDeps, offset = 0) {
  const items: TaskLogItem[] = [];
  const connections: string[] = [];
  const result = followTaskLog(
    {
      taskId: 'task-1',
      offset,
      signal: new AbortController().signal,
      onItems: (batch) => items.push(...batch),
      onConnection: (connection) => connections.push(connection),
    },
    deps,
  );
  return { result, items, connections };
}

describe(followTaskLog.name, () => {
  it('sends the bearer token and stops at the end event', async () => {
    const script = scriptedDeps([() => streamResponse([': hello\n\n', logFrame(0, 'hello\n'), endFrame(1)])]);
    const { result, items } = follow(script.deps);
    expect(await result).toEqual({ outcome: 'ended', state: 'succeeded', nextOffset: 1 });
    expect(items.map((item) => item.data)).toEqual(['hello\n']);
    expect(script.calls).toEqual([
      { url: '/api/tasks/task-1/logs.sse?offset=0', authorization: 'Bearer access-1' },
    ]);
  });

  it('reconnects from the offset after the last item seen when the stream drops', async () => {
    const script = scriptedDeps([
      () => streamResponse([logFrame(0, 'a'), logFrame(1, 'b'), 'id: 2\nevent: log\ndata: {"off']),
      () => {
        throw new TypeError('network down');
      },
      () => streamResponse([logFrame(1, 'b'), logFrame(2, 'c'), endFrame(3)]),
    ]);
    const { result, items, connections } = follow(script.deps);
    expect(await result).toMatchObject({ outcome: 'ended', nextOffset: 3 });
    expect(script.calls.map((call) => call.url)).toEqual([
      '/api/tasks/task-1/logs.sse?offset=0',
      '/api/tasks/task-1/logs.sse?offset=2',
      '/api/tasks/task-1/logs.sse?offset=2',
    ]);
    // The replayed offset 1 is not shown twice.
    expect(items.map((item) => item.data).join('')).toBe('abc');
    expect(script.waits).toEqual([reconnectDelayMs(1), reconnectDelayMs(2)]);
    expect(connections).toEqual(['connecting', 'open', 'reconnecting', 'reconnecting', 'open']);
  });

  it('renews the session once on 401 and retries with the new token', async () => {
    const script = scriptedDeps([
      () => new Response('{"error":{"code":"unauthorized","message":"expired"}}', { status: 401 }),
      () => streamResponse([endFrame(0)]),
    ]);
    const { result } = follow(script.deps, 5);
    expect(await result).toMatchObject({ outcome: 'ended', nextOffset: 5 });
    expect(script.renewals()).toBe(1);
    expect(script.calls.map((call) => call.authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('gives up on a 404 without retrying', async () => {
    const script = scriptedDeps([() => new Response('{}', { status: 404 })]);
    const { result } = follow(script.deps);
    expect(await result).toEqual({ outcome: 'failed', status: 404, nextOffset: 0 });
    expect(script.calls).toHaveLength(1);
    expect(script.waits).toEqual([]);
  });

  it('retries a 503 with growing delays capped at ten seconds', async () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(reconnectDelayMs)).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    const script = scriptedDeps([
      () => new Response('', { status: 503 }),
      () => new Response('', { status: 503 }),
      () => streamResponse([logFrame(0, 'x'), endFrame(1)]),
    ]);
    const { result } = follow(script.deps);
    expect(await result).toMatchObject({ outcome: 'ended', nextOffset: 1 });
    expect(script.waits).toEqual([500, 1000]);
  });
});
