/**
 * In-process wake-ups: a claim long-poll waits for new work or a cancel for its machine, an SSE follower
 * waits for new log items of its task. This only shortens waits; correctness never depends on it (a
 * waiter re-reads the database on every wake and at least every few seconds, which is also how waiters
 * on another server instance learn of work created here).
 */
export interface TaskNotifier {
  notifyTasksQueued(): void;
  notifyMachine(machineId: string): void;
  notifyTaskLog(taskId: string): void;
  /** Resolves true when woken by a notification, false on timeout or shutdown. */
  waitForMachine(machineId: string, timeoutMs: number): Promise<boolean>;
  waitForTaskLog(taskId: string, timeoutMs: number): Promise<boolean>;
  /** Wakes every waiter and makes later waits return at once (shutdown). */
  close(): void;
  readonly isClosed: boolean;
}

interface Waiter {
  key: string;
  wake(isNotified: boolean): void;
}

export function createTaskNotifier(): TaskNotifier {
  const waiters = new Set<Waiter>();
  let isClosed = false;

  const wait = (key: string, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (isClosed) return resolve(false);
      const timer = setTimeout(() => waiter.wake(false), timeoutMs);
      const waiter: Waiter = {
        key,
        wake(isNotified) {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(isNotified);
        },
      };
      waiters.add(waiter);
    });
  const wakeWhere = (matches: (key: string) => boolean) => {
    for (const waiter of [...waiters]) if (matches(waiter.key)) waiter.wake(true);
  };

  return {
    notifyTasksQueued: () => wakeWhere((key) => key.startsWith('machine:')),
    notifyMachine: (machineId) => wakeWhere((key) => key === `machine:${machineId}`),
    notifyTaskLog: (taskId) => wakeWhere((key) => key === `log:${taskId}`),
    waitForMachine: (machineId, timeoutMs) => wait(`machine:${machineId}`, timeoutMs),
    waitForTaskLog: (taskId, timeoutMs) => wait(`log:${taskId}`, timeoutMs),
    close() {
      isClosed = true;
      for (const waiter of [...waiters]) waiter.wake(false);
    },
    get isClosed() {
      return isClosed;
    },
  };
}
