import {
  type AgentLogChunk,
  type AgentLogStream,
  type AgentTaskEventsReply,
  agentProtocolDefaults,
} from '@switchyard/protocol';
import type { TimerHandle, Timers } from '../leases/lease-timers.js';
import { isPermanentError, isStaleAttemptError } from './agent-http.js';
import type { LogSpool } from './log-spool.js';

export type LogShipperOptions = {
  spool: LogSpool;
  send(chunks: AgentLogChunk[]): Promise<AgentTaskEventsReply>;
  timers: Timers;
  chunkMaxBytes?: number;
  flushIntervalMs?: number;
  /** Chunks per `events` call. */
  batchMaxChunks?: number;
  onCancelRequested(): void;
  onStale(): void;
  onDropped?(error: unknown): void;
};

/**
 * Buffers task output into chunks (flushed at 64 KiB or after 1 s), spools each chunk with its `seq`, and
 * sends the spool in order; while the server is unreachable chunks wait on disk and are replayed, and the
 * server dedupes repeats on (task, attempt, seq).
 */
export function createLogShipper(options: LogShipperOptions) {
  const { spool, timers } = options;
  const chunkMaxBytes = options.chunkMaxBytes ?? agentProtocolDefaults.logChunkMaxBytes;
  const flushIntervalMs = options.flushIntervalMs ?? agentProtocolDefaults.logFlushIntervalMs;
  let pending: { stream: AgentLogStream; parts: string[]; bytes: number; sourceOffset: number } | null = null;
  let flushTimer: TimerHandle | null = null;
  let retryTimer: TimerHandle | null = null;
  let retryDelayMs = 500;
  let isSending = false;
  let isStopped = false;
  let idleWaiters: Array<() => void> = [];

  const flush = () => {
    timers.clearTimeout(flushTimer);
    flushTimer = null;
    if (pending && pending.bytes > 0 && !isStopped)
      spool.append(pending.stream, pending.parts.join(''), pending.sourceOffset);
    pending = null;
    void pump();
  };

  const isIdle = () => isStopped || spool.ackedSeq >= spool.lastSeq;
  const notifyIfIdle = () => {
    if (!isIdle() || pending) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = async () => {
    if (isSending || retryTimer) return;
    isSending = true;
    try {
      while (!isIdle()) {
        const { chunks, endByteOffset } = spool.readUnacked(options.batchMaxChunks ?? 16);
        if (chunks.length === 0) break;
        const reply = await options.send(chunks);
        spool.acknowledge(chunks[chunks.length - 1].seq, endByteOffset);
        retryDelayMs = 500;
        if (reply.cancel_requested) options.onCancelRequested();
      }
    } catch (error) {
      if (isStaleAttemptError(error)) {
        isStopped = true;
        options.onStale();
      } else if (isPermanentError(error)) {
        // The server refuses these chunks for good (e.g. malformed); holding them back would block `complete`.
        isStopped = true;
        options.onDropped?.(error);
      } else {
        retryTimer = timers.setTimeout(() => {
          retryTimer = null;
          void pump();
        }, retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, 5_000);
      }
    } finally {
      isSending = false;
      notifyIfIdle();
    }
  };

  return {
    write(stream: AgentLogStream, text: string, sourceOffset: number) {
      if (isStopped) return;
      const bytes = Buffer.byteLength(text);
      if (pending && (pending.stream !== stream || pending.bytes + bytes > chunkMaxBytes)) flush();
      pending ??= { stream, parts: [], bytes: 0, sourceOffset };
      pending.parts.push(text);
      pending.bytes += bytes;
      pending.sourceOffset = sourceOffset;
      if (pending.bytes >= chunkMaxBytes) flush();
      else flushTimer ??= timers.setTimeout(flush, flushIntervalMs);
    },
    flush,
    /** Flushes and resolves once the server has acknowledged every chunk (or the shipper was stopped). */
    drain(): Promise<void> {
      flush();
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    /** Replays what an earlier agent process spooled but the server never acknowledged. */
    resume: () => void pump(),
    get lastSeq() {
      return spool.lastSeq;
    },
    stop() {
      isStopped = true;
      pending = null;
      timers.clearTimeout(flushTimer);
      timers.clearTimeout(retryTimer);
      notifyIfIdle();
    },
  };
}

export type LogShipper = ReturnType<typeof createLogShipper>;
