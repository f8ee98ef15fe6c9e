import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createFleetTestKit, type FleetTestKit, type TestAgent } from '../fleet-test-harness.js';

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Reads SSE events until `stopAfter` says so or the stream ends; aborts the request afterwards. */
async function readSse(
  url: string,
  options: {
    authorization: string;
    lastEventId?: string;
    stopAfter(event: SseEvent, count: number): boolean;
  },
) {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: options.authorization };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      if (block.startsWith(':')) continue;
      const event: SseEvent = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ');
        if (field === 'id') event.id = rest.join(': ');
        else if (field === 'event') event.event = rest.join(': ');
        else if (field === 'data') event.data = rest.join(': ');
      }
      events.push(event);
      if (options.stopAfter(event, events.length)) {
        controller.abort();
        return events;
      }
    }
  }
  return events;
}

const logText = (events: SseEvent[]) =>
  events
    .filter((event) => event.event === 'log')
    .map((event) => (JSON.parse(event.data) as { data: string }).data)
    .join('');

// 64 KiB chunks whose lines carry their global number, so order and completeness are both checked.
function makeChunks(totalBytes: number): string[] {
  const lines: string[] = [];
  let size = 0;
  for (let line = 0; size < totalBytes; line += 1) {
    const text = `line ${String(line).padStart(8, '0')} ${'x'.repeat(48)}\n`;
    lines.push(text);
    size += text.length;
  }
  const text = lines.join('');
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += 64 * 1024)
    chunks.push(text.slice(start, start + 64 * 1024));
  return chunks;
}

async function sendChunks(
  agent: TestAgent,
  lease: { taskId: string; attemptId: string },
  chunks: string[],
  firstSeq = 1,
) {
  for (let start = 0; start < chunks.length; start += 16) {
    const batch = chunks
      .slice(start, start + 16)
      .map((data, index) => ({ seq: firstSeq + start + index, stream: 'stdout', data }));
    const reply = await agent.post(`tasks/${lease.taskId}/events`, {
      attempt_id: lease.attemptId,
      chunks: batch,
    });
    if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
  }
}

describeEachDialect('task log streaming', (dialect) => {
  let kit: FleetTestKit;
  afterEach(async () => {
    await kit.dispose();
  });

  async function runningTask(env: Record<string, string> = {}) {
    kit = await createFleetTestKit({ dialect, env });
    const agent = await kit.enrollAgent('logger');
    const task = await kit.createCommandTask();
    const lease = (await kit.claim(agent)).tasks[0];
    await agent.post(`tasks/${task.id}/start`, { attempt_id: lease.attempt_id, process_id: 7 });
    const baseUrl = await kit.platform.listen();
    return {
      agent,
      lease: { taskId: task.id, attemptId: lease.attempt_id },
      sseUrl: `${baseUrl}/api/tasks/${task.id}/logs.sse`,
    };
  }

  it('delivers 10 MB complete and in order to a follower that connected before the output', async () => {
    const { agent, lease, sseUrl } = await runningTask();
    const chunks = makeChunks(10 * 1024 * 1024);
    const reading = readSse(sseUrl, {
      authorization: kit.admin.authorization,
      stopAfter: (event) => event.event === 'end',
    });
    await sendChunks(agent, lease, chunks);
    // A replay of the first batch (spooled chunks resent) must not duplicate anything.
    await sendChunks(agent, lease, chunks.slice(0, 16));
    await agent.post(`tasks/${lease.taskId}/complete`, {
      attempt_id: lease.attemptId,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: chunks.length,
    });
    const events = await reading;
    expect(logText(events)).toBe(chunks.join(''));
    const ids = events.filter((event) => event.event === 'log').map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => index));
    expect(JSON.parse(events[events.length - 1].data)).toMatchObject({
      state: 'succeeded',
      next_offset: chunks.length,
    });
  });

  it('resumes after a disconnect from Last-Event-ID and from ?offset=', async () => {
    const { agent, lease, sseUrl } = await runningTask();
    const chunks = makeChunks(40 * 64 * 1024);
    await sendChunks(agent, lease, chunks);
    await agent.post(`tasks/${lease.taskId}/complete`, {
      attempt_id: lease.attemptId,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: chunks.length,
    });
    const head = await readSse(sseUrl, {
      authorization: kit.admin.authorization,
      stopAfter: (_event, count) => count === 10,
    });
    const lastId = head[head.length - 1].id as string;
    const tail = await readSse(sseUrl, {
      authorization: kit.admin.authorization,
      lastEventId: lastId,
      stopAfter: (event) => event.event === 'end',
    });
    expect(logText(head) + logText(tail)).toBe(chunks.join(''));
    const fromOffset = await readSse(`${sseUrl}?offset=25`, {
      authorization: kit.admin.authorization,
      stopAfter: (event) => event.event === 'end',
    });
    expect(logText(fromOffset)).toBe(chunks.slice(25).join(''));
    const from = chunks.length - 3;
    const pulled = await kit.request('GET', `/api/tasks/${lease.taskId}/logs?offset=${from}&limit=5`);
    expect(pulled.body).toMatchObject({ offset: from, next_offset: chunks.length });
    expect(pulled.body.items.map((item: { data: string }) => item.data).join('')).toBe(
      chunks.slice(from).join(''),
    );
  });

  it('stores output up to the cap, then writes exactly one truncation marker', async () => {
    const { agent, lease } = await runningTask({ SWITCHYARD_FLEET_TASK_LOG_CAP_BYTES: '2048' });
    const chunks = Array.from({ length: 10 }, (_, index) => `${String(index)}${'y'.repeat(499)}`);
    const first = await agent.post(`tasks/${lease.taskId}/events`, {
      attempt_id: lease.attemptId,
      chunks: chunks.slice(0, 6).map((data, index) => ({ seq: index + 1, stream: 'stdout', data })),
    });
    const second = await agent.post(`tasks/${lease.taskId}/events`, {
      attempt_id: lease.attemptId,
      chunks: chunks.slice(6).map((data, index) => ({ seq: index + 7, stream: 'stderr', data })),
    });
    expect(first.body.acked_seq).toBe(6);
    expect(second.body.acked_seq).toBe(10);
    const items = (await kit.request('GET', `/api/tasks/${lease.taskId}/logs?offset=0&limit=100`)).body
      .items as Array<{ stream: string; data: string }>;
    expect(items.map((item) => item.data).slice(0, 4)).toEqual(chunks.slice(0, 4));
    expect(items).toHaveLength(5);
    expect(items[4]).toMatchObject({ stream: 'system' });
    expect(items[4].data).toMatch(/log truncated/);
    expect((await kit.request('GET', `/api/tasks/${lease.taskId}`)).body.log).toMatchObject({
      is_truncated: true,
      bytes: 2000,
    });
  });

  it('sends heartbeat events while a running task is quiet', async () => {
    const { agent, lease, sseUrl } = await runningTask({ SWITCHYARD_FLEET_SSE_HEARTBEAT_MS: '100' });
    const events = await readSse(sseUrl, {
      authorization: kit.admin.authorization,
      stopAfter: (event) => event.event === 'heartbeat',
    });
    expect(events.map((event) => event.event)).toEqual(['heartbeat']);
    await agent.post(`tasks/${lease.taskId}/complete`, {
      attempt_id: lease.attemptId,
      outcome: 'succeeded',
      exit_code: 0,
      signal: null,
      last_seq: 0,
    });
  });
});
