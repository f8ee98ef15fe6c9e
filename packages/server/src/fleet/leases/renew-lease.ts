import { sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';
import { epochMsSql } from './epoch-ms-sql.js';

export interface RenewedLease {
  lease_expires_at_ms: number;
  lease_ttl_s: number;
  cancel_requested_at_ms: number | null;
}

/**
 * Extends the lease of the current attempt by its TTL from the server's now. No row means the attempt
 * is stale (requeued, finished, or another machine's), which the caller turns into 409 stale_attempt.
 * A lease already past expiry but not yet reaped may still be renewed: no other attempt can exist yet.
 */
export async function renewLease(
  trx: AnyKysely,
  lease: { taskId: string; attemptId: string; machineId: string; nowMs: number },
): Promise<RenewedLease | undefined> {
  const result = await sql<RenewedLease>`
    update tasks set lease_expires_at_ms = ${epochMsSql(lease.nowMs)} + lease_ttl_s * 1000, updated_at_ms = ${lease.nowMs}
    where id = ${lease.taskId} and attempt_id = ${lease.attemptId} and machine_id = ${lease.machineId}
      and state in ('leased', 'running')
    returning lease_expires_at_ms, lease_ttl_s, cancel_requested_at_ms`.execute(trx);
  return result.rows[0];
}
