import type { ServerResponse } from 'node:http';

/**
 * The gateway requests still running, so shutdown and tests can wait until they have been logged,
 * and so reads of logs, balances and keys can wait for the bookkeeping of requests whose caller has
 * already been answered (read-your-writes: a script that reads its log right after its request sees it).
 */
export function createExchangeTracker() {
  const running = new Map<Promise<void>, ServerResponse>();
  return {
    track(exchange: Promise<void>, response: ServerResponse): Promise<void> {
      running.set(exchange, response);
      return exchange.finally(() => running.delete(exchange));
    },
    async waitForIdle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.keys()]);
    },
    /**
     * Waits for the requests whose response has ended (or whose caller left) to finish their
     * settlement and logging; streams still being answered are not waited for. Bounded, so a stuck
     * settlement can slow a read down but never hang it.
     */
    async waitForAnswered(boundMs = 5_000): Promise<void> {
      const answered = [...running]
        .filter(([, response]) => response.writableEnded || response.destroyed)
        .map(([exchange]) => exchange);
      if (answered.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(answered),
        new Promise((resolve) => {
          timer = setTimeout(resolve, boundMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
export type ExchangeTracker = ReturnType<typeof createExchangeTracker>;
