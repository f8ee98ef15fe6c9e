import type { TaskLogItem } from './fleet-api.js';
import { createSseEventParser } from './sse-event-parser.js';

export type TaskLogConnection = 'connecting' | 'open' | 'reconnecting';

export interface TaskLogFollowerDeps {
  fetch: typeof fetch;
  readAccessToken(): string | null;
  /** Rotates the token pair through the API client; false when the session has ended. */
  renewSession(): Promise<boolean>;
  /** Resolves after `delayMs`, or early when the signal aborts. Injected so tests never sleep. */
  wait(delayMs: number, signal: AbortSignal): Promise<void>;
}

export interface FollowTaskLogOptions {
  taskId: string;
  /** The first log offset wanted; after a disconnect the follower resumes from the last one it saw + 1. */
  offset: number;
  signal: AbortSignal;
  onItems(items: TaskLogItem[]): void;
  onConnection(connection: TaskLogConnection): void;
}

export type TaskLogFollowResult =
  | { outcome: 'ended'; state: string | null; nextOffset: number }
  | { outcome: 'aborted'; nextOffset: number }
  | { outcome: 'failed'; status: number; nextOffset: number };

const maxReconnectDelayMs = 10_000;
export const reconnectDelayMs = (failures: number) =>
  Math.min(maxReconnectDelayMs, 500 * 2 ** (failures - 1));

/** What one SSE connection achieved: the task's end, a dropped stream to resume, or an HTTP refusal. */
type ConnectionResult =
  | { kind: 'ended'; state: string | null }
  | { kind: 'dropped' }
  | { kind: 'refused'; status: number };

/**
 * Follows `/api/tasks/:id/logs.sse` with fetch (EventSource cannot send the bearer token): replays from
 * `offset`, then streams until the server's `end` event. A dropped connection or a 5xx reconnects with
 * `?offset=` set past the last item seen, with backoff; a 401 renews the session once and retries; any
 * other 4xx stops. Items at offsets already seen are skipped, so a replay never duplicates output.
 */
export async function followTaskLog(
  options: FollowTaskLogOptions,
  deps: TaskLogFollowerDeps,
): Promise<TaskLogFollowResult> {
  const { signal } = options;
  let nextOffset = options.offset;
  let failures = 0;
  let hasRenewed = false;
  const acceptItems = (items: TaskLogItem[]) => {
    const fresh = items.filter((item) => item.offset >= nextOffset);
    if (fresh.length === 0) return;
    nextOffset = fresh[fresh.length - 1].offset + 1;
    options.onItems(fresh);
  };
  while (!signal.aborted) {
    options.onConnection(failures === 0 ? 'connecting' : 'reconnecting');
    const onOpen = () => {
      // A connection that opened resets the backoff and allows one more session renewal.
      failures = 0;
      hasRenewed = false;
      options.onConnection('open');
    };
    const result = await connectOnce({ ...options, offset: nextOffset, acceptItems, onOpen }, deps).catch(
      (): ConnectionResult => ({ kind: 'dropped' }),
    );
    if (signal.aborted) break;
    if (result.kind === 'ended') return { outcome: 'ended', state: result.state, nextOffset };
    if (result.kind === 'refused' && result.status === 401 && !hasRenewed) {
      hasRenewed = true;
      if (await deps.renewSession()) continue;
    }
    if (result.kind === 'refused' && result.status < 500) {
      return { outcome: 'failed', status: result.status, nextOffset };
    }
    failures += 1;
    await deps.wait(reconnectDelayMs(failures), signal);
  }
  return { outcome: 'aborted', nextOffset };
}

async function connectOnce(
  options: FollowTaskLogOptions & { acceptItems(items: TaskLogItem[]): void; onOpen(): void },
  deps: TaskLogFollowerDeps,
): Promise<ConnectionResult> {
  const token = deps.readAccessToken();
  const response = await deps.fetch(
    `/api/tasks/${encodeURIComponent(options.taskId)}/logs.sse?offset=${options.offset}`,
    {
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: options.signal,
    },
  );
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { kind: 'refused', status: response.status };
  }
  options.onOpen();
  const parser = createSseEventParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { kind: 'dropped' };
    const batch: TaskLogItem[] = [];
    for (const event of parser.push(value)) {
      if (event.event === 'log') batch.push(JSON.parse(event.data) as TaskLogItem);
      else if (event.event === 'end') {
        options.acceptItems(batch);
        await reader.cancel();
        return { kind: 'ended', state: (JSON.parse(event.data) as { state: string | null }).state };
      }
    }
    options.acceptItems(batch);
  }
}
