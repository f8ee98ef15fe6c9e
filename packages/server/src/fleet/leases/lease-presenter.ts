import type { AgentClaimedTask } from '@switchyard/protocol';
import { toIso } from '../../kernel/clock.js';
import type { TaskRow } from '../fleet-tables.js';

export function presentClaimedTask(row: TaskRow): AgentClaimedTask {
  return {
    task_id: row.id,
    attempt_id: row.attempt_id as string,
    n: Number(row.attempt),
    type: row.type,
    payload: JSON.parse(row.payload_json),
    lease_ttl_ms: Number(row.lease_ttl_s) * 1000,
    lease_expires_at: toIso(row.lease_expires_at_ms) as string,
    cancel_grace_ms: Number(row.cancel_grace_s) * 1000,
    gpu_indexes: row.gpu_indexes_json ? (JSON.parse(row.gpu_indexes_json) as number[]) : [],
  };
}

export function presentLease(lease: {
  lease_expires_at_ms: number;
  lease_ttl_s: number;
  cancel_requested_at_ms: number | null;
}) {
  return {
    lease_expires_at: toIso(lease.lease_expires_at_ms) as string,
    lease_ttl_ms: Number(lease.lease_ttl_s) * 1000,
    cancel_requested: lease.cancel_requested_at_ms !== null,
  };
}
