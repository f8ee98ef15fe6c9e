/** The agent's clock is MONOTONIC: leases are relative durations, and wall-clock jumps must not move them. */
export type MonotonicClock = { nowMs(): number };

export const monotonicClock: MonotonicClock = { nowMs: () => performance.now() };

export type TimerHandle = { readonly id: number };

/** Timers as a dependency, so tests move time instead of sleeping. */
export type Timers = {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
};

export function createSystemTimers(): Timers {
  const live = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    setTimeout(callback, delayMs) {
      const id = nextId++;
      live.set(
        id,
        setTimeout(
          () => {
            live.delete(id);
            callback();
          },
          Math.max(0, delayMs),
        ),
      );
      return { id };
    },
    clearTimeout(handle) {
      if (!handle) return;
      clearTimeout(live.get(handle.id));
      live.delete(handle.id);
    },
  };
}

/** A clock and timers that only move on `advanceMs`; due callbacks run in time order. */
export function createManualTimers(startMs = 1_000_000) {
  let nowMs = startMs;
  let nextId = 1;
  const pending = new Map<number, { atMs: number; callback: () => void }>();
  const clock: MonotonicClock = { nowMs: () => nowMs };
  const timers: Timers = {
    setTimeout(callback, delayMs) {
      const id = nextId++;
      pending.set(id, { atMs: nowMs + Math.max(0, delayMs), callback });
      return { id };
    },
    clearTimeout(handle) {
      if (handle) pending.delete(handle.id);
    },
  };
  return {
    clock,
    timers,
    pendingCount: () => pending.size,
    /** Moves time forward, running each timer at its due time; awaits microtasks between timers. */
    async advanceMs(deltaMs: number) {
      const targetMs = nowMs + deltaMs;
      for (;;) {
        await flushMicrotasks();
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.atMs <= targetMs)
          .sort((a, b) => a[1].atMs - b[1].atMs)[0];
        if (!due) break;
        pending.delete(due[0]);
        nowMs = Math.max(nowMs, due[1].atMs);
        due[1].callback();
      }
      nowMs = targetMs;
      await flushMicrotasks();
    },
  };
}

/** Lets promise chains that are already resolved run to completion (no wall-clock waiting). */
export async function flushMicrotasks(): Promise<void> {
  for (let round = 0; round < 20; round++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
