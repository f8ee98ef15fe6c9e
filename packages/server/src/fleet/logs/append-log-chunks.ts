import { sql } from 'kysely';
import type { AnyKysely, DatabaseDialect } from '../../kernel/db/database.js';
import { fleetDb } from '../fleet-tables.js';

export interface IncomingLogChunk {
  seq: number;
  stream: string;
  data: string;
}

export const truncationMarker = (capBytes: number) =>
  `\n[switchyard: log truncated at ${Math.round(capBytes / 1024 / 1024)} MiB; further output dropped]\n`;

/**
 * Appends an attempt's chunks to the task log. Dedupe is by sequence: chunks at or below the attempt's
 * stored `last_log_seq` were stored before (a replay from the agent's spool) and are skipped. Past the
 * per-task byte cap one truncation marker is written and the rest is acknowledged but dropped. The task
 * row is locked first on PostgreSQL so two writers cannot hand out the same log offset.
 * Returns the highest stored seq, or undefined when the attempt is unknown for this task.
 */
export async function appendLogChunks(
  trx: AnyKysely,
  append: {
    dialect: DatabaseDialect;
    taskId: string;
    attemptId: string;
    chunks: IncomingLogChunk[];
    capBytes: number;
    nowMs: number;
  },
): Promise<{ ackedSeq: number; appendedItems: number }> {
  const lockClause = append.dialect === 'postgres' ? sql`for update` : sql``;
  const taskResult = await sql<{ log_items: number; log_bytes: number; is_log_truncated: number }>`
    select log_items, log_bytes, is_log_truncated from tasks where id = ${append.taskId} ${lockClause}`.execute(
    trx,
  );
  const task = taskResult.rows[0];
  const attempt = await fleetDb(trx)
    .selectFrom('task_attempts')
    .select('last_log_seq')
    .where('attempt_id', '=', append.attemptId)
    .executeTakeFirstOrThrow();
  let lastSeq = Number(attempt.last_log_seq);
  let items = Number(task.log_items);
  let bytes = Number(task.log_bytes);
  let isTruncated = Number(task.is_log_truncated) === 1;
  const rows = [];
  for (const chunk of [...append.chunks].sort((left, right) => left.seq - right.seq)) {
    if (chunk.seq <= lastSeq) continue;
    lastSeq = chunk.seq;
    if (isTruncated) continue;
    const size = Buffer.byteLength(chunk.data);
    const isOverCap = bytes + size > append.capBytes;
    const data = isOverCap ? truncationMarker(append.capBytes) : chunk.data;
    rows.push({
      task_id: append.taskId,
      log_offset: items,
      attempt_id: append.attemptId,
      seq: chunk.seq,
      stream: isOverCap ? 'system' : chunk.stream,
      data,
      created_at_ms: append.nowMs,
    });
    items += 1;
    bytes += isOverCap ? 0 : size;
    isTruncated = isOverCap;
  }
  if (rows.length > 0) {
    // Batches keep each INSERT under SQLite's bound-parameter limit.
    for (let start = 0; start < rows.length; start += 100) {
      await fleetDb(trx)
        .insertInto('task_log_chunks')
        .values(rows.slice(start, start + 100))
        .execute();
    }
    await fleetDb(trx)
      .updateTable('tasks')
      .set({ log_items: items, log_bytes: bytes, is_log_truncated: isTruncated ? 1 : 0 })
      .where('id', '=', append.taskId)
      .execute();
  }
  if (lastSeq !== Number(attempt.last_log_seq)) {
    await fleetDb(trx)
      .updateTable('task_attempts')
      .set({ last_log_seq: lastSeq })
      .where('attempt_id', '=', append.attemptId)
      .execute();
  }
  return { ackedSeq: lastSeq, appendedItems: rows.length };
}
