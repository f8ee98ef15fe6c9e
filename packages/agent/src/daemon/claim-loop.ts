import { randomUUID } from 'node:crypto';
import { type AgentClaimedTask, agentProtocolDefaults } from '@switchyard/protocol';
import type { LeaseClient } from '../leases/lease-client.js';
import type { MonotonicClock, Timers } from '../leases/lease-timers.js';
import type { AgentLogger } from './agent-logger.js';

export type ClaimLoopDeps = {
  leases: LeaseClient;
  clock: MonotonicClock;
  timers: Timers;
  logger: AgentLogger;
  signal: AbortSignal;
  freeSlots(): number;
  waitForFreeSlot(): Promise<void>;
  isStopping(): boolean;
  onClaimed(task: AgentClaimedTask, claimSendMs: number): void;
  onCancel(attemptId: string): void;
  onWokenEarly(): void;
  isFatal(error: unknown): boolean;
};

/** Long-polls `claim` for as many tasks as there are free slots, until the agent stops. */
export async function runClaimLoop(deps: ClaimLoopDeps, claimMaxWaitMs: number): Promise<void> {
  const sleep = (delayMs: number) => new Promise<void>((resolve) => deps.timers.setTimeout(resolve, delayMs));
  const waitMs = Math.min(claimMaxWaitMs, agentProtocolDefaults.claimMaxWaitMs);
  let claimId = randomUUID();
  let backoffMs = 500;
  while (!deps.isStopping()) {
    const freeSlots = deps.freeSlots();
    if (freeSlots <= 0) {
      await deps.waitForFreeSlot();
      continue;
    }
    const sendMs = deps.clock.nowMs();
    let tasks: AgentClaimedTask[];
    try {
      const reply = await deps.leases.claim(
        { claim_id: claimId, free_slots: freeSlots, wait_ms: waitMs },
        deps.signal,
      );
      tasks = reply.tasks;
      for (const cancel of reply.cancel) deps.onCancel(cancel.attempt_id);
      const elapsedMs = deps.clock.nowMs() - sendMs;
      if (tasks.length === 0 && elapsedMs < waitMs / 2) deps.onWokenEarly();
      // A server that answers at once (no long-poll) must not turn this loop into a busy spin.
      if (tasks.length === 0 && elapsedMs < 250) await sleep(250);
    } catch (error) {
      if (deps.isStopping() || deps.isFatal(error)) return;
      // Same claim_id on retry: if the lost reply had leased tasks, the server hands the same leases back.
      deps.logger.warn({ error: String(error) }, 'claim failed; retrying');
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 10_000);
      continue;
    }
    backoffMs = 500;
    claimId = randomUUID();
    for (const task of tasks.slice(0, freeSlots)) {
      deps.logger.info({ task_id: task.task_id, attempt_id: task.attempt_id, n: task.n }, 'claimed');
      deps.onClaimed(task, sendMs);
    }
  }
}
