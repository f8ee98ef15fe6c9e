import { toIso } from '../../kernel/clock.js';
import type { TaskAttemptRow, TaskRow } from '../fleet-tables.js';

export function presentAttempt(row: TaskAttemptRow) {
  return {
    attempt_id: row.attempt_id,
    n: Number(row.n),
    machine_id: row.machine_id,
    end_reason: row.end_reason,
    exit_code: row.exit_code === null ? null : Number(row.exit_code),
    signal: row.signal,
    process_id: row.process_id === null ? null : Number(row.process_id),
    claimed_at: toIso(row.claimed_at_ms),
    started_at: toIso(row.started_at_ms),
    ended_at: toIso(row.ended_at_ms),
    /** False when the agent reported more log chunks (`last_seq`) than reached the server. */
    has_complete_logs:
      row.reported_last_seq === null || Number(row.reported_last_seq) <= Number(row.last_log_seq),
  };
}

export function presentTask(row: TaskRow, extra: { labelTargets: string[]; waitReason: string | null }) {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    payload: JSON.parse(row.payload_json) as unknown,
    attempt: Number(row.attempt),
    max_attempts: Number(row.max_attempts),
    machine_id: row.machine_id,
    target: {
      machine_id: row.target_machine_id,
      labels: Object.fromEntries(extra.labelTargets.map((label) => label.split(/=(.*)/s).slice(0, 2))),
      gpus: Number(row.gpus),
    },
    gpu_indexes: row.gpu_indexes_json ? (JSON.parse(row.gpu_indexes_json) as number[]) : [],
    priority: Number(row.priority),
    exit_code: row.exit_code === null ? null : Number(row.exit_code),
    signal: row.signal,
    end_reason: row.end_reason,
    error: row.error,
    outputs: row.outputs_json ? (JSON.parse(row.outputs_json) as unknown) : null,
    cancel_requested: row.cancel_requested_at_ms !== null,
    wait_reason: extra.waitReason,
    created_by: row.created_by_user_id,
    schedule_id: row.schedule_id,
    log: {
      items: Number(row.log_items),
      bytes: Number(row.log_bytes),
      is_truncated: Number(row.is_log_truncated) === 1,
    },
    created_at: toIso(row.created_at_ms),
    started_at: toIso(row.started_at_ms),
    ended_at: toIso(row.ended_at_ms),
    lease_expires_at: toIso(row.lease_expires_at_ms),
    not_before: toIso(row.not_before_ms),
  };
}
export type PresentedTask = ReturnType<typeof presentTask>;
