import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentClaimedTask, AgentLogChunk, AgentTaskCompleteRequest } from '@switchyard/protocol';

// biome-ignore lint/suspicious/noExplicitAny: bodies are whatever the agent sent; tests read fields ad hoc.
type RequestBody = any;
type Handler = (body: RequestBody, taskId: string | null) => { status: number; body: unknown } | undefined;

/**
 * An in-process /agent/v1 for daemon tests: it queues tasks, records every call, and lets a test override
 * any route's answer (`overrides.renew = () => ({ status: 409, … })`).
 */
export async function startFakeAgentServer(options: { leaseTtlMs?: number } = {}) {
  const leaseTtlMs = options.leaseTtlMs ?? 60_000;
  const queue: AgentClaimedTask[] = [];
  const calls: Array<{ route: string; taskId: string | null; body: RequestBody }> = [];
  const chunks = new Map<string, AgentLogChunk[]>();
  const completes: Array<{ taskId: string; body: AgentTaskCompleteRequest }> = [];
  const overrides: Partial<Record<string, Handler>> = {};
  const waiters: Array<() => void> = [];
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const lease = (cancelRequested = false) => ({
    lease_expires_at: new Date(Date.now() + leaseTtlMs).toISOString(),
    lease_ttl_ms: leaseTtlMs,
    cancel_requested: cancelRequested,
  });
  const defaults: Record<string, Handler> = {
    enroll: (body) =>
      body.enrollment_token === 'enr_good'
        ? { status: 200, body: { machine_id: 'mch_fake', machine_token: 'mt_from_enroll' } }
        : { status: 401, body: { error: { code: 'enrollment_token_invalid', message: 'used or unknown' } } },
    register: () => ({
      status: 200,
      body: {
        machine_id: 'mch_fake',
        heartbeat_interval_ms: 60_000,
        lease_ttl_ms: leaseTtlMs,
        claim_max_wait_ms: 200,
        log_chunk_max_bytes: 65536,
        held_attempts: [],
      },
    }),
    heartbeat: () => ({
      status: 200,
      body: { cancel: [], config: { heartbeat_interval_ms: 60_000, lease_ttl_ms: leaseTtlMs } },
    }),
    claim: (body) => ({ status: 200, body: { tasks: queue.splice(0, body.free_slots), cancel: [] } }),
    start: () => ({ status: 200, body: lease() }),
    renew: () => ({ status: 200, body: lease() }),
    events: (body, taskId) => {
      const list = chunks.get(taskId!) ?? [];
      for (const chunk of body.chunks as AgentLogChunk[])
        if (!list.some((stored) => stored.seq === chunk.seq)) list.push(chunk);
      chunks.set(taskId!, list);
      return {
        status: 200,
        body: { acked_seq: Math.max(0, ...list.map((chunk) => chunk.seq)), cancel_requested: false },
      };
    },
    complete: (body, taskId) => {
      completes.push({ taskId: taskId!, body });
      return {
        status: 200,
        body: {
          task_id: taskId,
          attempt_id: body.attempt_id,
          state: body.outcome === 'succeeded' ? 'succeeded' : 'failed',
          end_reason: body.outcome,
        },
      };
    },
  };
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (data) => (text += data));
    request.on('end', () => {
      const match = /^\/agent\/v1\/(?:tasks\/([^/]+)\/)?([a-z]+)$/.exec(request.url ?? '');
      const route = match?.[2] ?? '';
      const taskId = match?.[1] ? decodeURIComponent(match[1]) : null;
      const body = text ? JSON.parse(text) : {};
      calls.push({ route, taskId, body });
      const answer = overrides[route]?.(body, taskId) ??
        defaults[route]?.(body, taskId) ?? {
          status: 404,
          body: { error: { code: 'not_found', message: route } },
        };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
      notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queue,
    calls,
    chunks,
    completes,
    overrides,
    addTask(task: Partial<AgentClaimedTask> & { task_id: string; payload: unknown }) {
      queue.push({
        attempt_id: `att_${task.task_id}_1`,
        n: 1,
        type: 'command',
        lease_ttl_ms: leaseTtlMs,
        lease_expires_at: new Date(Date.now() + leaseTtlMs).toISOString(),
        cancel_grace_ms: 10_000,
        gpu_indexes: [],
        ...task,
      });
    },
    /** Resolves once `predicate` holds, re-checked after every request the server answers. */
    async waitUntil(predicate: () => boolean) {
      while (!predicate()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    logText: (taskId: string) =>
      (chunks.get(taskId) ?? [])
        .sort((a, b) => a.seq - b.seq)
        .map((chunk) => chunk.data)
        .join(''),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
