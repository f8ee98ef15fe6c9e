import { sql } from 'kysely';
import type { AnyKysely, DatabaseDialect } from '../../kernel/db/database.js';
import type { TaskRow } from '../fleet-tables.js';
import { epochMsSql } from './epoch-ms-sql.js';

export interface ClaimingMachine {
  id: string;
  /** `key=value` pairs. */
  labels: string[];
  executors: string[];
  gpuCount: number;
}

// `x not in ()` is a syntax error; "=" (empty key) is no valid label and keeps the list non-empty.
const noLabel = '=';

/**
 * Leases the best queued task this machine can run, in one statement: the subquery picks it (priority,
 * then age), the UPDATE takes it. PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent claimers pass over
 * each other's rows instead of queueing on them; the outer `state = 'queued'` re-check is what makes a
 * double lease impossible. SQLite: the caller holds BEGIN IMMEDIATE, so there is one writer.
 */
export async function claimNextTask(
  trx: AnyKysely,
  options: { dialect: DatabaseDialect; machine: ClaimingMachine; attemptId: string; nowMs: number },
): Promise<TaskRow | undefined> {
  const { machine, nowMs } = options;
  const labels = machine.labels.length > 0 ? machine.labels : [noLabel];
  const executors = machine.executors.length > 0 ? machine.executors : ['process'];
  const lockClause = options.dialect === 'postgres' ? sql`for update of candidate skip locked` : sql``;
  const result = await sql<TaskRow>`
    update tasks set
      state = 'leased',
      attempt = attempt + 1,
      attempt_id = ${options.attemptId},
      machine_id = ${machine.id},
      lease_expires_at_ms = ${epochMsSql(nowMs)} + lease_ttl_s * 1000,
      updated_at_ms = ${nowMs}
    where state = 'queued' and id = (
      select candidate.id from tasks candidate
      where candidate.state = 'queued'
        and candidate.not_before_ms <= ${nowMs}
        and (candidate.target_machine_id is null or candidate.target_machine_id = ${machine.id})
        and candidate.required_executor in (${sql.join(executors)})
        and candidate.gpus <= ${machine.gpuCount} - (
          select coalesce(sum(busy.gpus), 0) from tasks busy
          where busy.machine_id = ${machine.id} and busy.state in ('leased', 'running')
        )
        and not exists (
          select 1 from task_label_targets wanted
          where wanted.task_id = candidate.id and wanted.label not in (${sql.join(labels)})
        )
      order by candidate.priority desc, candidate.created_at_ms, candidate.id
      limit 1
      ${lockClause}
    )
    returning *`.execute(trx);
  return result.rows[0];
}
