import type { AgentClaimedTask } from '@switchyard/protocol';
import {
  adoptProcess,
  attemptFiles,
  readFenceDeadlines,
  writeFenceDeadlines,
} from '../executors/process-executor.js';
import { isProcessAlive, signalProcessGroup } from '../executors/process-group.js';
import { selfFenceDelays } from '../leases/self-fence.js';
import { type CallContext, confirmLease, sendComplete, sendStart } from './attempt-calls.js';
import type { AttemptRecord, AttemptRecordStore } from './attempt-record-store.js';
import { type SupervisedAttempt, superviseAttempt } from './attempt-supervisor.js';
import { launchTask, type TaskLaunchDeps, UnsupportedTaskError } from './task-launch.js';

export type LifecycleContext = {
  calls: CallContext;
  records: AttemptRecordStore;
  launchDeps: TaskLaunchDeps;
  logChunkMaxBytes?: number;
  /** Called once an attempt is supervised, so cancels from heartbeats can reach it. */
  onSupervised(attempt: SupervisedAttempt): void;
};

/**
 * A freshly claimed attempt: spawn held → `start` with the pid → release → supervise. A task the agent
 * cannot run is completed as failed with the reason; a refused `start` kills the held process.
 */
export async function runClaimedTask(
  context: LifecycleContext,
  task: AgentClaimedTask,
  claimSendMs: number,
): Promise<void> {
  const { calls, records } = context;
  if (calls.clock.nowMs() - claimSendMs > task.lease_ttl_ms / 6) {
    const confirmedMs = await confirmLease(calls, { taskId: task.task_id, attemptId: task.attempt_id });
    if (confirmedMs === null) return;
    claimSendMs = confirmedMs;
  }
  const record: AttemptRecord = { task, pid: null, released_at_ms: null, termination: null };
  records.save(record);
  const attemptDir = records.dirOf(task.attempt_id);
  const fence = selfFenceDelays(task.lease_ttl_ms);
  let launched: ReturnType<typeof launchTask>;
  try {
    launched = launchTask(task, { attemptDir, deps: context.launchDeps });
  } catch (error) {
    const message = error instanceof UnsupportedTaskError ? error.message : `launch failed: ${String(error)}`;
    const start = await sendStart(calls, {
      taskId: task.task_id,
      body: { attempt_id: task.attempt_id, process_id: null },
      deadlineMs: claimSendMs + fence.terminateAfterMs,
    });
    if (start.isAccepted) {
      const body = {
        attempt_id: task.attempt_id,
        outcome: 'failed' as const,
        exit_code: null,
        signal: null,
        last_seq: 0,
        error: message,
      };
      await sendComplete(calls, { taskId: task.task_id, body });
    }
    records.remove(task.attempt_id);
    return;
  }
  record.pid = launched.pid;
  records.save(record);
  const sinceClaimMs = calls.clock.nowMs() - claimSendMs;
  writeFenceDeadlines(attemptDir, {
    terminateInMs: fence.terminateAfterMs - sinceClaimMs,
    killInMs: fence.killAfterMs - sinceClaimMs,
  });
  const start = await sendStart(calls, {
    taskId: task.task_id,
    body: { attempt_id: task.attempt_id, process_id: launched.pid },
    deadlineMs: claimSendMs + fence.terminateAfterMs,
  });
  if (!start.isAccepted || start.isCancelRequested) {
    launched.kill();
    await launched.exited;
    if (start.isCancelRequested) {
      // Cancelled before it ran: the command never started, so there is nothing to wait for.
      const body = {
        attempt_id: task.attempt_id,
        outcome: 'cancelled' as const,
        exit_code: null,
        signal: null,
        last_seq: 0,
      };
      await sendComplete(calls, { taskId: task.task_id, body });
    }
    records.remove(task.attempt_id);
    return;
  }
  record.released_at_ms = Date.now();
  records.save(record);
  launched.release();
  const attempt = superviseAttempt({
    record,
    process: launched,
    lastGrantSendMs: start.isLeaseGranted ? start.sendMs : claimSendMs,
    records,
    calls,
    isResumed: false,
    logChunkMaxBytes: context.logChunkMaxBytes,
  });
  context.onSupervised(attempt);
  await attempt.done;
}

/** Held attempts for `register` after a restart, with whether each process is still alive. */
export function listHeldAttempts(records: AttemptRecordStore) {
  return records.list().map((record) => ({
    record,
    pidAlive:
      record.pid !== null &&
      isProcessAlive(record.pid, attemptFiles(records.dirOf(record.task.attempt_id)).exitStatusPath),
  }));
}

/**
 * After a restart: `abort` kills the group and forgets the attempt without completing it; `continue` adopts
 * the live (or already finished) process, renews at once and goes on supervising it.
 */
export async function resumeHeldAttempt(
  context: LifecycleContext,
  held: { record: AttemptRecord; pidAlive: boolean; action: 'continue' | 'abort' },
): Promise<void> {
  const { record } = held;
  const { task } = record;
  const attemptDir = context.records.dirOf(task.attempt_id);
  if (held.action === 'abort' || record.pid === null || record.released_at_ms === null) {
    if (held.pidAlive && record.pid !== null) signalProcessGroup(record.pid, 'SIGKILL');
    if (held.action === 'continue') {
      // Never released (or no pid to follow): nothing ran that we can account for; let the server requeue it.
      const body = {
        attempt_id: task.attempt_id,
        outcome: 'lease_lost' as const,
        exit_code: null,
        signal: null,
        last_seq: 0,
        error: 'agent restarted before the process could be followed',
      };
      await sendComplete(context.calls, { taskId: task.task_id, body });
    }
    context.records.remove(task.attempt_id);
    return;
  }
  const fence = selfFenceDelays(task.lease_ttl_ms);
  const deadlines = readFenceDeadlines(attemptDir);
  // The previous process's grant time, rebuilt from the deadlines it published (a monotonic clock).
  const lastGrantSendMs =
    context.calls.clock.nowMs() +
    (deadlines ? deadlines.terminateInMs - fence.terminateAfterMs : -fence.terminateAfterMs);
  const attempt = superviseAttempt({
    record,
    process: adoptProcess({ pid: record.pid, attemptDir }),
    lastGrantSendMs,
    records: context.records,
    calls: context.calls,
    isResumed: true,
    logChunkMaxBytes: context.logChunkMaxBytes,
  });
  context.onSupervised(attempt);
  await attempt.done;
}
