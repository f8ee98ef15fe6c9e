import {
  type AgentClaimRequest,
  type AgentTaskCompleteRequest,
  type AgentTaskEventsRequest,
  type AgentTaskStartRequest,
  agentClaimReplySchema,
  agentLeaseReplySchema,
  agentTaskCompleteReplySchema,
  agentTaskEventsReplySchema,
} from '@switchyard/protocol';
import { z } from 'zod';
import type { AgentHttp } from '../daemon/agent-http.js';

/** `start` may answer with the lease (then it counts as a renew) or with anything else 2xx. */
const startReplySchema = z.union([agentLeaseReplySchema, z.unknown().transform(() => null)]);

/** The lease calls of /agent/v1: claim, start, renew, events, complete. */
export function createLeaseClient(http: AgentHttp) {
  const taskRoute = (taskId: string, call: string) => `tasks/${encodeURIComponent(taskId)}/${call}`;
  return {
    claim: (body: AgentClaimRequest, signal?: AbortSignal) =>
      // The server holds a claim up to wait_ms; the timeout leaves room for the reply on top.
      http.post('claim', body, {
        reply: agentClaimReplySchema,
        timeoutMs: (body.wait_ms ?? 0) + 15_000,
        signal,
      }),
    start: (taskId: string, body: AgentTaskStartRequest) =>
      http.post(taskRoute(taskId, 'start'), body, { reply: startReplySchema }),
    renew: (taskId: string, attemptId: string) =>
      http.post(
        taskRoute(taskId, 'renew'),
        { attempt_id: attemptId },
        { reply: agentLeaseReplySchema, timeoutMs: 10_000 },
      ),
    events: (taskId: string, body: AgentTaskEventsRequest) =>
      http.post(taskRoute(taskId, 'events'), body, { reply: agentTaskEventsReplySchema }),
    complete: (taskId: string, body: AgentTaskCompleteRequest) =>
      http.post(taskRoute(taskId, 'complete'), body, { reply: agentTaskCompleteReplySchema }),
  };
}

export type LeaseClient = ReturnType<typeof createLeaseClient>;
