/** The one clock. Services take it as a dependency so tests can move time instead of sleeping. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock tests control: it only moves when told. */
export function createManualClock(
  startMs = Date.UTC(2026, 0, 1),
): Clock & { advanceMs(deltaMs: number): void; setMs(ms: number): void } {
  let currentMs = startMs;
  return {
    nowMs: () => currentMs,
    advanceMs: (deltaMs) => {
      currentMs += deltaMs;
    },
    setMs: (ms) => {
      currentMs = ms;
    },
  };
}

export const toIso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();
