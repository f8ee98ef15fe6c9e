/**
 * When the agent kills its own attempt after renewals stop succeeding, counted from the SEND time of the
 * last good renew: SIGTERM at TTL − 15 s, SIGKILL at TTL − 5 s (45 s / 55 s for the 60 s default). The
 * server expires the lease at its receive time + TTL, which is always later, so at most one attempt lives.
 * Leases shorter than 30 s (tests, tiny task types) keep the same shape with proportional margins.
 */
export function selfFenceDelays(leaseTtlMs: number): { terminateAfterMs: number; killAfterMs: number } {
  return {
    terminateAfterMs: leaseTtlMs - Math.min(15_000, leaseTtlMs / 2),
    killAfterMs: leaseTtlMs - Math.min(5_000, leaseTtlMs / 6),
  };
}

/** Renew every TTL/3 with ±10 % jitter, so agents started together do not renew together. */
export function renewIntervalMs(leaseTtlMs: number, random: () => number): number {
  return (leaseTtlMs / 3) * (0.9 + 0.2 * random());
}
