/** The gateway requests still running, so shutdown and tests can wait until they have been logged. */
export function createExchangeTracker() {
  const running = new Set<Promise<void>>();
  return {
    track(exchange: Promise<void>): Promise<void> {
      running.add(exchange);
      return exchange.finally(() => running.delete(exchange));
    },
    async waitForIdle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
export type ExchangeTracker = ReturnType<typeof createExchangeTracker>;
