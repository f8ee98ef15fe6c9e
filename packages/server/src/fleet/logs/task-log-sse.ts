import { once } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../kernel/db/database.js';
import type { TaskNotifier } from '../tasks/task-notifier.js';
import { findTaskById } from '../tasks/task-store.js';
import { listLogChunks, presentLogChunk } from './task-log-store.js';

const finalStates = new Set(['succeeded', 'failed', 'cancelled']);
const replayPageSize = 500;

/** Where a (re)connecting client resumes: after Last-Event-ID when the browser sends one, else `?offset=`. */
export function resumeOffsetOf(request: FastifyRequest, queryOffset: number | undefined): number {
  const lastEventId = request.headers['last-event-id'];
  if (typeof lastEventId === 'string' && /^\d+$/.test(lastEventId)) return Number(lastEventId) + 1;
  return queryOffset ?? 0;
}

/**
 * Replays the task log from `offset`, then follows it until the task is final and fully sent. Each item is
 * `id: <offset>` + `event: log`; idle periods send `event: heartbeat` so proxies keep the stream open;
 * the stream ends with `event: end`. Writes wait for `drain`, so a slow reader slows only itself.
 */
export async function streamTaskLog(options: {
  database: Database;
  notifier: TaskNotifier;
  request: FastifyRequest;
  reply: FastifyReply;
  taskId: string;
  offset: number;
  heartbeatMs: number;
}): Promise<void> {
  const { reply, taskId, notifier } = options;
  let offset = options.offset;
  let isClientGone = false;
  options.request.raw.on('close', () => {
    isClientGone = true;
    notifier.notifyTaskLog(taskId);
  });
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = async (text: string) => {
    if (!raw.write(text)) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
  };
  await send(': switchyard task log\n\n');
  while (!isClientGone && !notifier.isClosed) {
    const task = await findTaskById(options.database.db, taskId);
    const rows = await listLogChunks(options.database.db, { taskId, offset, limit: replayPageSize });
    for (const row of rows) {
      await send(`id: ${row.log_offset}\nevent: log\ndata: ${JSON.stringify(presentLogChunk(row))}\n\n`);
      offset = Number(row.log_offset) + 1;
    }
    if (rows.length === replayPageSize) continue;
    if (!task || finalStates.has(task.state)) {
      await send(
        `event: end\ndata: ${JSON.stringify({ state: task?.state ?? null, next_offset: offset })}\n\n`,
      );
      break;
    }
    const isWoken = await notifier.waitForTaskLog(taskId, options.heartbeatMs);
    if (!isWoken && !isClientGone) await send('event: heartbeat\ndata: {}\n\n');
  }
  raw.end();
}
