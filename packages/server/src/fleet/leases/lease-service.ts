import type {
  AgentClaimedTask,
  AgentHeldAttempt,
  AgentLogChunk,
  AgentTaskCompleteReply,
  AgentTaskCompleteRequest,
} from '@switchyard/protocol';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { staleAttempt, taskNotFound } from '../fleet-errors.js';
import { fleetDb, type MachineRow } from '../fleet-tables.js';
import { appendLogChunks } from '../logs/append-log-chunks.js';
import type { TaskNotifier } from '../tasks/task-notifier.js';
import { loadCurrentAttempt, lostLeaseReasons } from './attempt-guard.js';
import { deleteOldClaimRecords } from './claim-records.js';
import { claimTasks } from './claim-tasks.js';
import { type EndedLease, expireLeases, type LeaseLossReason } from './expire-leases.js';
import { finishAttempt } from './finish-attempt.js';
import { presentLease } from './lease-presenter.js';
import { renewLease } from './renew-lease.js';
import { startAttempt } from './start-attempt.js';

export interface LeaseObserver {
  leasesExpired(count: number): void;
  claimFinished(seconds: number): void;
}

export interface LeaseServiceDeps {
  database: Database;
  clock: Clock;
  notifier: TaskNotifier;
  observer?: LeaseObserver;
  logCapBytes: number;
  /** A waiting claim re-reads the database at least this often (work from other instances, backoffs ending). */
  claimRecheckMs?: number;
}

export type CancelSignal = { task_id: string; attempt_id: string };

const outcomeStates = { succeeded: 'succeeded', failed: 'failed', cancelled: 'cancelled' } as const;

export function createLeaseService(deps: LeaseServiceDeps) {
  const { database, clock, notifier } = deps;
  const recheckMs = deps.claimRecheckMs ?? 5_000;

  async function cancelSignals(machineId: string): Promise<CancelSignal[]> {
    const rows = await fleetDb(database.db)
      .selectFrom('tasks')
      .select(['id', 'attempt_id'])
      .where('machine_id', '=', machineId)
      .where('state', 'in', ['leased', 'running'])
      .where('cancel_requested_at_ms', 'is not', null)
      .execute();
    return rows.map((row) => ({ task_id: row.id, attempt_id: row.attempt_id as string }));
  }

  async function endLeases(reason: LeaseLossReason, attemptIds: string[]): Promise<EndedLease[]> {
    const ended = await database.writeTransaction((trx) =>
      expireLeases(trx, {
        dialect: database.dialect,
        nowMs: clock.nowMs(),
        reason,
        match: { kind: 'attempts', attemptIds },
      }),
    );
    if (ended.some((lease) => lease.state === 'queued')) notifier.notifyTasksQueued();
    return ended;
  }

  return {
    cancelSignals,
    /**
     * Long-poll: claim now; if nothing, wait for a wake-up (new work, or a new cancel for this machine)
     * or the recheck interval, until `waitMs` has passed.
     */
    async claim(options: {
      machine: MachineRow;
      claimId: string;
      freeSlots: number;
      waitMs: number;
      /** Aborted when the agent's connection closes: a gone agent must not be leased anything. */
      signal?: AbortSignal;
    }) {
      const startedMs = performance.now();
      const deadlineMs = Date.now() + options.waitMs;
      const initialCancels = new Set(
        (await cancelSignals(options.machine.id)).map((signal) => signal.attempt_id),
      );
      let tasks: AgentClaimedTask[] = [];
      let cancel: CancelSignal[] = [];
      for (;;) {
        if (options.signal?.aborted) break;
        tasks = options.freeSlots > 0 ? await claimTasks({ database, clock }, options) : [];
        cancel = await cancelSignals(options.machine.id);
        const hasNewCancel = cancel.some((signal) => !initialCancels.has(signal.attempt_id));
        const remainingMs = deadlineMs - Date.now();
        if (tasks.length > 0 || hasNewCancel || remainingMs <= 0 || notifier.isClosed) break;
        await notifier.waitForMachine(options.machine.id, Math.min(remainingMs, recheckMs));
      }
      deps.observer?.claimFinished((performance.now() - startedMs) / 1000);
      return { tasks, cancel };
    },
    async start(options: {
      machine: MachineRow;
      taskId: string;
      attemptId: string;
      processId: number | null;
    }) {
      const lease = await database.writeTransaction(async (trx) => {
        await loadCurrentAttempt(trx, {
          taskId: options.taskId,
          attemptId: options.attemptId,
          machineId: options.machine.id,
        });
        return startAttempt(trx, { ...options, machineId: options.machine.id, nowMs: clock.nowMs() });
      });
      if (!lease) throw staleAttempt({ task_id: options.taskId, attempt_id: options.attemptId });
      return presentLease(lease);
    },
    async renew(options: { machine: MachineRow; taskId: string; attemptId: string }) {
      const lease = await database.writeTransaction((trx) =>
        renewLease(trx, {
          taskId: options.taskId,
          attemptId: options.attemptId,
          machineId: options.machine.id,
          nowMs: clock.nowMs(),
        }),
      );
      if (lease) return presentLease(lease);
      const task = await fleetDb(database.db)
        .selectFrom('tasks')
        .select('id')
        .where('id', '=', options.taskId)
        .executeTakeFirst();
      if (!task) throw taskNotFound();
      throw staleAttempt({ task_id: options.taskId, attempt_id: options.attemptId });
    },
    async appendEvents(options: {
      machine: MachineRow;
      taskId: string;
      attemptId: string;
      chunks: AgentLogChunk[];
    }) {
      const result = await database.writeTransaction(async (trx) => {
        const { task, attempt } = await loadCurrentAttempt(trx, {
          ...options,
          machineId: options.machine.id,
        });
        if (attempt.end_reason && lostLeaseReasons.has(attempt.end_reason))
          throw staleAttempt({ task_id: task.id, attempt_id: attempt.attempt_id });
        const appended = await appendLogChunks(trx, {
          dialect: database.dialect,
          taskId: options.taskId,
          attemptId: options.attemptId,
          chunks: options.chunks,
          capBytes: deps.logCapBytes,
          nowMs: clock.nowMs(),
        });
        return {
          ...appended,
          cancelRequested: task.cancel_requested_at_ms !== null && attempt.ended_at_ms === null,
        };
      });
      if (result.appendedItems > 0) notifier.notifyTaskLog(options.taskId);
      return { acked_seq: result.ackedSeq, cancel_requested: result.cancelRequested };
    },
    async complete(options: {
      machine: MachineRow;
      taskId: string;
      body: AgentTaskCompleteRequest;
    }): Promise<AgentTaskCompleteReply> {
      const { body, machine, taskId } = options;
      const key = { taskId, attemptId: body.attempt_id, machineId: machine.id };
      if (body.outcome === 'lease_lost') {
        await database.writeTransaction((trx) => loadCurrentAttempt(trx, key));
        await endLeases('lease_expired', [body.attempt_id]);
      } else {
        await database.writeTransaction(async (trx) => {
          const { attempt } = await loadCurrentAttempt(trx, key);
          const state = outcomeStates[body.outcome as keyof typeof outcomeStates];
          const isFinished = await finishAttempt(trx, {
            ...key,
            nowMs: clock.nowMs(),
            result: {
              state,
              exitCode: body.exit_code,
              signal: body.signal,
              error: body.error ?? null,
              outputsJson: body.outputs ? JSON.stringify(body.outputs) : null,
              reportedLastSeq: body.last_seq,
            },
          });
          // A repeat of the complete that already won is answered with the stored result; anything
          // else reaching a finished attempt (the reaper ended it first) is stale.
          if (!isFinished && attempt.end_reason !== state)
            throw staleAttempt({ task_id: taskId, attempt_id: body.attempt_id });
        });
      }
      notifier.notifyTaskLog(taskId);
      const task = await fleetDb(database.db)
        .selectFrom('tasks')
        .select(['state'])
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      const attempt = await fleetDb(database.db)
        .selectFrom('task_attempts')
        .select('end_reason')
        .where('attempt_id', '=', body.attempt_id)
        .executeTakeFirstOrThrow();
      return {
        task_id: taskId,
        attempt_id: body.attempt_id,
        state: task.state,
        end_reason: String(attempt.end_reason),
      };
    },
    /**
     * After an agent restart: each held attempt that is still current and leased to this machine
     * continues — also when its process has already exited, because the agent kept its exit status and
     * completes it without running the work again (agent-protocol.md). Everything else is aborted, and
     * live leases of this machine the agent no longer holds are ended as `agent_restart` at once
     * instead of waiting for expiry.
     */
    async reconcileHeldAttempts(options: { machine: MachineRow; held: AgentHeldAttempt[] }) {
      const live = await fleetDb(database.db)
        .selectFrom('tasks')
        .select(['id', 'attempt_id'])
        .where('machine_id', '=', options.machine.id)
        .where('state', 'in', ['leased', 'running'])
        .execute();
      const liveAttemptIds = new Set(live.map((row) => row.attempt_id as string));
      const continuing = new Set(
        options.held.filter((held) => liveAttemptIds.has(held.attempt_id)).map((held) => held.attempt_id),
      );
      await endLeases(
        'agent_restart',
        [...liveAttemptIds].filter((attemptId) => !continuing.has(attemptId)),
      );
      return options.held.map((held) => ({
        task_id: held.task_id,
        attempt_id: held.attempt_id,
        action: continuing.has(held.attempt_id) ? ('continue' as const) : ('abort' as const),
      }));
    },
    /** One reaper pass: every expired lease, in batches of 500, each batch one statement. */
    async reapExpiredLeases(): Promise<number> {
      let total = 0;
      for (;;) {
        const ended = await database.writeTransaction((trx) =>
          expireLeases(trx, {
            dialect: database.dialect,
            nowMs: clock.nowMs(),
            reason: 'lease_expired',
            match: { kind: 'expired', limit: 500 },
          }),
        );
        total += ended.length;
        if (ended.length < 500) break;
      }
      await deleteOldClaimRecords(database.db, clock.nowMs());
      if (total > 0) {
        deps.observer?.leasesExpired(total);
        notifier.notifyTasksQueued();
      }
      return total;
    },
  };
}

export type LeaseService = ReturnType<typeof createLeaseService>;
