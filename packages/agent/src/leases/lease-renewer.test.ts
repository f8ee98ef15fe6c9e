import type { AgentLeaseReply } from '@switchyard/protocol';
import { describe, expect, it } from 'vitest';
import { AgentApiError } from '../daemon/agent-http.js';
import { createLeaseRenewer, type FenceStage } from './lease-renewer.js';
import { createManualTimers } from './lease-timers.js';
import { selfFenceDelays } from './self-fence.js';

const ttlMs = 60_000;
const leaseReply = (overrides: Partial<AgentLeaseReply> = {}): AgentLeaseReply => ({
  lease_expires_at: new Date().toISOString(),
  lease_ttl_ms: ttlMs,
  cancel_requested: false,
  ...overrides,
});

/** A renewer on manual time whose renew calls the test answers through `answer`. */
function setup(renewImpl: () => Promise<AgentLeaseReply>) {
  const manual = createManualTimers();
  const events: Array<string> = [];
  const renewSendTimes: number[] = [];
  const renewer = createLeaseRenewer({
    leaseTtlMs: ttlMs,
    lastGrantSendMs: manual.clock.nowMs(),
    clock: manual.clock,
    timers: manual.timers,
    random: () => 0.5,
    renew: () => {
      renewSendTimes.push(manual.clock.nowMs());
      return renewImpl();
    },
    onCancelRequested: () => events.push('cancel'),
    onStale: () => events.push('stale'),
    onFence: (stage: FenceStage) => events.push(`fence:${stage}@${manual.clock.nowMs() - startMs}`),
  });
  const startMs = manual.clock.nowMs();
  return { manual, events, renewer, renewSendTimes, startMs };
}

describe(createLeaseRenewer.name, () => {
  it('renews every TTL/3 while the server answers', async () => {
    const { manual, renewer, renewSendTimes, startMs, events } = setup(async () => leaseReply());
    renewer.start();
    await manual.advanceMs(61_000);
    expect(renewSendTimes.map((time) => time - startMs)).toEqual([20_000, 40_000, 60_000]);
    expect(events).toEqual([]);
    renewer.stop();
  });

  it('retries every 2 s on errors and fences at TTL−15 s then TTL−5 s from the last good send', async () => {
    let isServerUp = true;
    const { manual, renewer, renewSendTimes, startMs, events } = setup(async () => {
      if (!isServerUp) throw new Error('ECONNREFUSED');
      return leaseReply();
    });
    renewer.start();
    await manual.advanceMs(20_000);
    isServerUp = false;
    await manual.advanceMs(60_000);
    // Last good renew was SENT at 20 s: SIGTERM at 20+45 = 65 s, SIGKILL at 20+55 = 75 s.
    expect(events).toEqual(['fence:terminate@65000', 'fence:kill@75000']);
    const retries = renewSendTimes.map((time) => time - startMs).filter((time) => time > 20_000);
    expect(retries[0]).toBe(40_000);
    expect(retries[1] - retries[0]).toBe(2_000);
    expect(Math.max(...retries)).toBeLessThan(65_000);
    expect(renewer.fenceStage).toBe('kill');
  });

  it('counts the fence from the send time, not from when a slow reply arrived', async () => {
    let answer: ((reply: AgentLeaseReply) => void) | null = null;
    const { manual, renewer, events } = setup(() => new Promise((resolve) => (answer = resolve)));
    renewer.start();
    await manual.advanceMs(20_000);
    await manual.advanceMs(9_000);
    answer!(leaseReply());
    await manual.advanceMs(0);
    expect(renewer.lastGrantSendMs).toBe(1_000_000 + 20_000);
    renewer.stop();
    expect(events).toEqual([]);
  });

  it('stops renewing and reports stale_attempt on 409', async () => {
    const { manual, renewer, renewSendTimes, events } = setup(async () => {
      throw new AgentApiError(409, 'stale_attempt', 'renew: 409');
    });
    renewer.start();
    await manual.advanceMs(120_000);
    expect(renewSendTimes).toHaveLength(1);
    expect(events).toEqual(['stale']);
    expect(manual.pendingCount()).toBe(0);
  });

  it('passes cancel_requested from a renew reply on', async () => {
    const { manual, renewer, events } = setup(async () => leaseReply({ cancel_requested: true }));
    renewer.start();
    await manual.advanceMs(20_000);
    expect(events).toEqual(['cancel']);
    renewer.stop();
  });

  it('renews at once when asked after a restart', async () => {
    const { manual, renewer, renewSendTimes, startMs } = setup(async () => leaseReply());
    renewer.start();
    await renewer.renewNow();
    expect(renewSendTimes.map((time) => time - startMs)).toEqual([0]);
    await manual.advanceMs(20_000);
    expect(renewSendTimes.map((time) => time - startMs)).toEqual([0, 20_000]);
    renewer.stop();
  });
});

describe(selfFenceDelays.name, () => {
  it('uses 45 s and 55 s for the default 60 s lease and keeps short leases proportional', () => {
    expect(selfFenceDelays(60_000)).toEqual({ terminateAfterMs: 45_000, killAfterMs: 55_000 });
    expect(selfFenceDelays(6_000)).toEqual({ terminateAfterMs: 3_000, killAfterMs: 5_000 });
  });
});
