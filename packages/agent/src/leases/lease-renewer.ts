import type { AgentLeaseReply } from '@switchyard/protocol';
import { isStaleAttemptError } from '../daemon/agent-http.js';
import type { MonotonicClock, TimerHandle, Timers } from './lease-timers.js';
import { renewIntervalMs, selfFenceDelays } from './self-fence.js';

export type FenceStage = 'terminate' | 'kill';

export type LeaseRenewerOptions = {
  leaseTtlMs: number;
  /** Monotonic send time of the call that last granted the lease (claim, start or a renew). */
  lastGrantSendMs: number;
  renew(): Promise<AgentLeaseReply>;
  clock: MonotonicClock;
  timers: Timers;
  random?: () => number;
  /** Protocol: on error retry every 2 s. */
  retryIntervalMs?: number;
  onCancelRequested(): void;
  /** 409 stale_attempt: the attempt is no longer ours; stop the process and do not complete. */
  onStale(): void;
  onFence(stage: FenceStage): void;
  /** After every good renew (and at start): the fence deadlines from now, for the process's own watchdog. */
  onGranted?(deadlines: { terminateInMs: number; killInMs: number }): void;
};

/**
 * Keeps one attempt's lease alive and fences it when renewals stop succeeding. Every renew and fence
 * decision is taken on the injected monotonic clock, never on wall time.
 */
export function createLeaseRenewer(options: LeaseRenewerOptions) {
  const random = options.random ?? Math.random;
  const retryIntervalMs = options.retryIntervalMs ?? 2_000;
  const { clock, timers } = options;
  let leaseTtlMs = options.leaseTtlMs;
  let lastGrantSendMs = options.lastGrantSendMs;
  let renewTimer: TimerHandle | null = null;
  let terminateTimer: TimerHandle | null = null;
  let killTimer: TimerHandle | null = null;
  let isRunning = false;
  let isRenewing = false;
  let fenceStage: FenceStage | null = null;

  const scheduleRenew = (delayMs: number) => {
    timers.clearTimeout(renewTimer);
    if (isRunning && fenceStage === null) renewTimer = timers.setTimeout(() => void renewOnce(), delayMs);
  };

  const scheduleFence = () => {
    timers.clearTimeout(terminateTimer);
    timers.clearTimeout(killTimer);
    if (!isRunning) return;
    const { terminateAfterMs, killAfterMs } = selfFenceDelays(leaseTtlMs);
    const now = clock.nowMs();
    const terminateInMs = lastGrantSendMs + terminateAfterMs - now;
    const killInMs = lastGrantSendMs + killAfterMs - now;
    terminateTimer = timers.setTimeout(() => fence('terminate'), terminateInMs);
    killTimer = timers.setTimeout(() => fence('kill'), killInMs);
    options.onGranted?.({ terminateInMs, killInMs });
  };

  const fence = (stage: FenceStage) => {
    if (!isRunning) return;
    fenceStage = stage;
    // Once fenced the attempt is lost whatever a late renew says; stop renewing.
    timers.clearTimeout(renewTimer);
    options.onFence(stage);
  };

  const renewOnce = async () => {
    if (!isRunning || isRenewing || fenceStage !== null) return;
    isRenewing = true;
    const sendMs = clock.nowMs();
    try {
      const reply = await options.renew();
      if (!isRunning || fenceStage !== null) return;
      lastGrantSendMs = Math.max(lastGrantSendMs, sendMs);
      if (reply.lease_ttl_ms > 0) leaseTtlMs = reply.lease_ttl_ms;
      scheduleFence();
      scheduleRenew(renewIntervalMs(leaseTtlMs, random));
      if (reply.cancel_requested) options.onCancelRequested();
    } catch (error) {
      if (!isRunning) return;
      if (isStaleAttemptError(error)) {
        stop();
        options.onStale();
        return;
      }
      scheduleRenew(retryIntervalMs);
    } finally {
      isRenewing = false;
    }
  };

  const stop = () => {
    isRunning = false;
    timers.clearTimeout(renewTimer);
    timers.clearTimeout(terminateTimer);
    timers.clearTimeout(killTimer);
  };

  return {
    start() {
      isRunning = true;
      scheduleFence();
      const dueMs = lastGrantSendMs + renewIntervalMs(leaseTtlMs, random);
      scheduleRenew(dueMs - clock.nowMs());
    },
    /** After an agent restart the protocol says: renew immediately. */
    renewNow: () => renewOnce(),
    stop,
    get fenceStage() {
      return fenceStage;
    },
    get lastGrantSendMs() {
      return lastGrantSendMs;
    },
  };
}

export type LeaseRenewer = ReturnType<typeof createLeaseRenewer>;
