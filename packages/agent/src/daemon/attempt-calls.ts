import type { AgentTaskCompleteRequest, AgentTaskStartRequest } from '@switchyard/protocol';
import type { LeaseClient } from '../leases/lease-client.js';
import type { MonotonicClock, Timers } from '../leases/lease-timers.js';
import { isPermanentError, isStaleAttemptError } from './agent-http.js';
import type { AgentLogger } from './agent-logger.js';

export type CallContext = {
  leases: LeaseClient;
  timers: Timers;
  clock: MonotonicClock;
  logger: AgentLogger;
  isStopping(): boolean;
};

const waitFor = (timers: Timers, delayMs: number) =>
  new Promise<void>((resolve) => timers.setTimeout(resolve, delayMs));

/**
 * `start` is the gate before the process runs: retried every 2 s until it is accepted, refused (409 / 4xx)
 * or the self-fence deadline passes. Returns whether the attempt may run.
 */
export async function sendStart(
  context: CallContext,
  request: { taskId: string; body: AgentTaskStartRequest; deadlineMs: number },
): Promise<{ isAccepted: boolean; sendMs: number; isLeaseGranted: boolean; isCancelRequested?: boolean }> {
  for (;;) {
    const sendMs = context.clock.nowMs();
    try {
      const reply = await context.leases.start(request.taskId, request.body);
      return {
        isAccepted: true,
        sendMs,
        isLeaseGranted: reply !== null,
        isCancelRequested: reply?.cancel_requested === true,
      };
    } catch (error) {
      if (isStaleAttemptError(error) || isPermanentError(error)) {
        context.logger.warn(
          { task_id: request.taskId, error: String(error) },
          'start refused; dropping the attempt',
        );
        return { isAccepted: false, sendMs, isLeaseGranted: false };
      }
      if (context.isStopping() || context.clock.nowMs() + 2_000 >= request.deadlineMs)
        return { isAccepted: false, sendMs, isLeaseGranted: false };
      await waitFor(context.timers, 2_000);
    }
  }
}

/**
 * `complete` is repeated with the same body until 2xx or 409: the first write wins on the server, and a
 * repeat for the same attempt returns the stored result.
 */
export async function sendComplete(
  context: CallContext,
  request: { taskId: string; body: AgentTaskCompleteRequest },
): Promise<void> {
  let delayMs = 1_000;
  for (;;) {
    try {
      await context.leases.complete(request.taskId, request.body);
      return;
    } catch (error) {
      if (isStaleAttemptError(error)) return;
      if (isPermanentError(error)) {
        context.logger.error(
          { task_id: request.taskId, error: String(error) },
          'complete refused; giving up',
        );
        return;
      }
      if (context.isStopping()) return;
      await waitFor(context.timers, delayMs);
      delayMs = Math.min(delayMs * 2, 4_000);
    }
  }
}

/**
 * The lease was granted somewhere between the claim's send and its reply; after a long-poll that window is
 * wide, so one renew pins the grant time down before the process starts. Null: the lease is not ours.
 */
export async function confirmLease(
  context: CallContext,
  request: { taskId: string; attemptId: string },
): Promise<number | null> {
  for (let tries = 0; tries < 3; tries++) {
    const sendMs = context.clock.nowMs();
    try {
      await context.leases.renew(request.taskId, request.attemptId);
      return sendMs;
    } catch (error) {
      if (isStaleAttemptError(error) || isPermanentError(error) || context.isStopping()) return null;
      await waitFor(context.timers, 1_000);
    }
  }
  return null;
}
