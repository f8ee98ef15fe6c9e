import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb, type TaskLogChunkRow } from '../fleet-tables.js';

export async function listLogChunks(
  db: AnyKysely,
  page: { taskId: string; offset: number; limit: number },
): Promise<TaskLogChunkRow[]> {
  return fleetDb(db)
    .selectFrom('task_log_chunks')
    .selectAll()
    .where('task_id', '=', page.taskId)
    .where('log_offset', '>=', page.offset)
    .orderBy('log_offset')
    .limit(page.limit)
    .execute();
}

export function presentLogChunk(row: TaskLogChunkRow) {
  return { offset: Number(row.log_offset), attempt_id: row.attempt_id, stream: row.stream, data: row.data };
}
