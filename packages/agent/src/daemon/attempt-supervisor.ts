import type { AgentTaskOutcome } from '@switchyard/protocol';
import type { ProcessExit } from '../executors/process-executor.js';
import { attemptFiles, writeFenceDeadlines } from '../executors/process-executor.js';
import { createLeaseRenewer } from '../leases/lease-renewer.js';
import { selfFenceDelays } from '../leases/self-fence.js';
import { type CallContext, sendComplete } from './attempt-calls.js';
import type { AttemptRecord, AttemptRecordStore, TerminationReason } from './attempt-record-store.js';
import { createLogShipper } from './log-shipper.js';
import { openLogSpool } from './log-spool.js';
import { createOutputTailer } from './output-tailer.js';
import type { LaunchedTask } from './task-launch.js';

export type SupervisedAttempt = {
  readonly taskId: string;
  readonly attemptId: string;
  requestCancel(): void;
  /**
   * Agent shutdown: stop watching but leave the process running. Its wrapper's watchdog fences it if no
   * agent renews the lease again; a restarted agent adopts it from the record (`continue`).
   */
  detach(): void;
  readonly done: Promise<void>;
};

export type SuperviseOptions = {
  record: AttemptRecord;
  process: Pick<LaunchedTask, 'exited' | 'terminate' | 'kill' | 'detach'>;
  lastGrantSendMs: number;
  records: AttemptRecordStore;
  calls: CallContext;
  /** After an agent restart: renew at once and replay the spool. */
  isResumed: boolean;
  logChunkMaxBytes?: number;
};

function outcomeOf(
  exit: ProcessExit,
  termination: TerminationReason | null,
): { outcome: AgentTaskOutcome; error?: string } {
  if (termination === 'cancelled') return { outcome: 'cancelled' };
  if (termination === 'lease_lost')
    return { outcome: 'lease_lost', error: 'lease renewals failed; the agent fenced the process' };
  if (termination === 'timeout') return { outcome: 'failed', error: 'timeout' };
  // Nothing ran, so nothing failed: give the lease back and let the server requeue the task.
  if (exit.neverStarted)
    return {
      outcome: 'lease_lost',
      error: 'the command never started: the agent stopped before releasing it',
    };
  if (exit.error) return { outcome: 'failed', error: exit.error.slice(0, 4096) };
  return { outcome: exit.exitCode === 0 ? 'succeeded' : 'failed' };
}

/**
 * Runs one released attempt to its end: renews the lease, ships output, applies cancel / timeout /
 * self-fence, then completes. Every exit path removes the attempt's record, except agent shutdown.
 */
export function superviseAttempt(options: SuperviseOptions): SupervisedAttempt {
  const { record, records, calls } = options;
  const { task } = record;
  const attemptDir = records.dirOf(task.attempt_id);
  const files = attemptFiles(attemptDir);
  let isStale = false;
  let isDetached = false;
  let hasExited = false;

  const terminate = (reason: TerminationReason, graceMs: number) => {
    if (hasExited) return;
    if (record.termination === null) {
      record.termination = reason;
      records.save(record);
    }
    void options.process.terminate(graceMs);
  };
  const dropAsStale = () => {
    isStale = true;
    options.process.kill();
  };

  const spool = openLogSpool(attemptDir);
  const shipper = createLogShipper({
    spool,
    send: (chunks) => calls.leases.events(task.task_id, { attempt_id: task.attempt_id, chunks }),
    timers: calls.timers,
    chunkMaxBytes: options.logChunkMaxBytes,
    onCancelRequested: () => terminate('cancelled', task.cancel_grace_ms),
    onStale: dropAsStale,
    onDropped: (error) =>
      calls.logger.warn({ task_id: task.task_id, error: String(error) }, 'log chunks refused'),
  });
  const tailer = createOutputTailer({
    files: [
      { stream: 'stdout', path: files.stdoutPath, startOffset: spool.sourceOffset('stdout') },
      { stream: 'stderr', path: files.stderrPath, startOffset: spool.sourceOffset('stderr') },
    ],
    onData: (stream, text, endOffset) => shipper.write(stream, text, endOffset),
  });
  const fence = selfFenceDelays(task.lease_ttl_ms);
  const renewer = createLeaseRenewer({
    leaseTtlMs: task.lease_ttl_ms,
    lastGrantSendMs: options.lastGrantSendMs,
    renew: () => calls.leases.renew(task.task_id, task.attempt_id),
    clock: calls.clock,
    timers: calls.timers,
    onCancelRequested: () => terminate('cancelled', task.cancel_grace_ms),
    onStale: dropAsStale,
    onFence: (stage) => {
      calls.logger.warn({ task_id: task.task_id, stage }, 'lease not renewed in time: fencing the process');
      if (stage === 'terminate') terminate('lease_lost', fence.killAfterMs - fence.terminateAfterMs);
      else options.process.kill();
    },
    onGranted: (deadlines) => {
      if (!hasExited) writeFenceDeadlines(attemptDir, deadlines);
    },
  });

  const timeoutS = (task.payload as { timeout_s?: number } | null)?.timeout_s;
  const timeoutTimer =
    timeoutS && record.released_at_ms !== null
      ? setTimeout(
          () => terminate('timeout', task.cancel_grace_ms),
          Math.max(0, record.released_at_ms + timeoutS * 1000 - Date.now()),
        )
      : null;

  const run = async () => {
    tailer.start();
    renewer.start();
    if (options.isResumed) {
      shipper.resume();
      void renewer.renewNow();
      if (record.termination === 'cancelled' || record.termination === 'timeout')
        terminate(record.termination, task.cancel_grace_ms);
    }
    const exit = await options.process.exited;
    hasExited = true;
    if (timeoutTimer) clearTimeout(timeoutTimer);
    tailer.stop();
    if (isDetached) return;
    if (renewer.fenceStage !== null) record.termination = 'lease_lost';
    if (!isStale) {
      await shipper.drain();
      const { outcome, error } = outcomeOf(exit, record.termination);
      await sendComplete(calls, {
        taskId: task.task_id,
        body: {
          attempt_id: task.attempt_id,
          outcome,
          exit_code: exit.exitCode,
          signal: exit.signal,
          last_seq: shipper.lastSeq,
          ...(error ? { error } : {}),
        },
      });
    }
    renewer.stop();
    shipper.stop();
    if (!isDetached) records.remove(task.attempt_id);
  };

  return {
    taskId: task.task_id,
    attemptId: task.attempt_id,
    requestCancel: () => terminate('cancelled', task.cancel_grace_ms),
    detach() {
      isDetached = true;
      if (timeoutTimer) clearTimeout(timeoutTimer);
      renewer.stop();
      shipper.stop();
      tailer.stop();
      options.process.detach();
    },
    done: run(),
  };
}
