import { type RawBuilder, sql } from 'kysely';
import type { AnyKysely, DatabaseDialect } from '../../kernel/db/database.js';
import type { TaskState } from '../fleet-tables.js';
import { epochMsSql } from './epoch-ms-sql.js';
import { retryNotBeforeSql } from './retry-backoff.js';

export type LeaseLossReason = 'lease_expired' | 'agent_restart';

export type LeaseLossMatch =
  /** The reaper: every live lease past its expiry, oldest first. */
  | { kind: 'expired'; limit: number }
  /** Leases the agent itself gave up (`lease_lost`, or not held after a restart). */
  | { kind: 'attempts'; attemptIds: string[] };

export interface EndedLease {
  id: string;
  attempt_id: string;
  state: TaskState;
  machine_id: string | null;
}

/**
 * Ends lost leases in one statement: a task with a pending cancel becomes `cancelled` (never requeued),
 * one at `max_attempts` becomes `failed` with the loss reason, any other goes back to `queued` with a
 * jittered backoff in `not_before_ms`. The attempt rows are closed in a second statement of the same
 * transaction.
 */
export async function expireLeases(
  trx: AnyKysely,
  options: { dialect: DatabaseDialect; nowMs: number; reason: LeaseLossReason; match: LeaseLossMatch },
): Promise<EndedLease[]> {
  const { nowMs, match } = options;
  if (match.kind === 'attempts' && match.attemptIds.length === 0) return [];
  const isFinal = sql`(cancel_requested_at_ms is not null or attempt >= max_attempts)`;
  let selection: RawBuilder<unknown>;
  if (match.kind === 'expired') {
    const lockClause = options.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    selection = sql`state in ('leased', 'running') and lease_expires_at_ms < ${epochMsSql(nowMs)} and id in (
      select id from tasks where state in ('leased', 'running') and lease_expires_at_ms < ${epochMsSql(nowMs)}
      order by lease_expires_at_ms limit ${match.limit} ${lockClause})`;
  } else {
    selection = sql`state in ('leased', 'running') and attempt_id in (${sql.join(match.attemptIds)})`;
  }
  const result = await sql<EndedLease>`
    update tasks set
      state = case when cancel_requested_at_ms is not null then 'cancelled'
                   when attempt >= max_attempts then 'failed' else 'queued' end,
      end_reason = case when cancel_requested_at_ms is not null then 'cancelled'
                        when attempt >= max_attempts then ${options.reason} else null end,
      ended_at_ms = case when ${isFinal} then ${epochMsSql(nowMs)} else null end,
      not_before_ms = ${retryNotBeforeSql(options.dialect, nowMs)},
      lease_expires_at_ms = null,
      gpu_indexes_json = null,
      updated_at_ms = ${epochMsSql(nowMs)}
    where ${selection}
    returning id, attempt_id, state, machine_id`.execute(trx);
  const attemptIds = result.rows.map((row) => row.attempt_id);
  if (attemptIds.length > 0) {
    await sql`update task_attempts set ended_at_ms = ${epochMsSql(nowMs)}, end_reason = ${options.reason}
      where ended_at_ms is null and attempt_id in (${sql.join(attemptIds)})`.execute(trx);
  }
  return result.rows;
}
