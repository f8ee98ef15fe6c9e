import type { Kysely } from 'kysely';
import type { AnyKysely } from '../kernel/db/database.js';

export type MachineAllocation = 'idle' | 'allocated' | 'maintenance';
export type MachineHealth = 'unknown' | 'ok' | 'warning' | 'failure';
export type TaskState = 'queued' | 'leased' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type AttemptEndReason =
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'lease_expired'
  | 'agent_restart'
  | 'rejected';

export interface MachineRow {
  id: string;
  name: string;
  hostname: string | null;
  ip: string | null;
  domain: string | null;
  region: string | null;
  labels_json: string;
  /** SSH login info sealed with the secret box; never leaves the server. */
  ssh_sealed: string | null;
  allocation: MachineAllocation;
  health: MachineHealth;
  token_hash: string | null;
  token_issued_at_ms: number | null;
  /** Facts from `register`: cpu, memory, disks, os, agent version, reported hostname. */
  hardware_json: string | null;
  gpus_json: string;
  executors_json: string;
  slots: number;
  /** The last heartbeat's system + GPU metrics. */
  metrics_json: string | null;
  needs_collect: number;
  registered_at_ms: number | null;
  last_heartbeat_at_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface EnrollmentTokenRow {
  id: string;
  machine_id: string;
  token_hash: string;
  expires_at_ms: number;
  used_at_ms: number | null;
  created_at_ms: number;
}

export interface TaskRow {
  id: string;
  type: string;
  payload_json: string;
  state: TaskState;
  required_executor: string;
  priority: number;
  attempt: number;
  attempt_id: string | null;
  /** The machine of the current (or last) attempt. */
  machine_id: string | null;
  target_machine_id: string | null;
  target_labels_json: string | null;
  gpus: number;
  gpu_indexes_json: string | null;
  max_attempts: number;
  attempts_per_run: number;
  lease_ttl_s: number;
  cancel_grace_s: number;
  lease_expires_at_ms: number | null;
  not_before_ms: number;
  cancel_requested_at_ms: number | null;
  created_by_user_id: string | null;
  idempotency_key: string | null;
  idempotency_hash: string | null;
  schedule_id: string | null;
  end_reason: string | null;
  exit_code: number | null;
  signal: string | null;
  error: string | null;
  outputs_json: string | null;
  log_items: number;
  log_bytes: number;
  is_log_truncated: number;
  created_at_ms: number;
  updated_at_ms: number;
  started_at_ms: number | null;
  ended_at_ms: number | null;
}

export interface TaskLabelTargetRow {
  task_id: string;
  label: string;
}

export interface TaskAttemptRow {
  attempt_id: string;
  task_id: string;
  n: number;
  machine_id: string;
  claim_id: string | null;
  process_id: number | null;
  claimed_at_ms: number;
  started_at_ms: number | null;
  ended_at_ms: number | null;
  end_reason: AttemptEndReason | null;
  exit_code: number | null;
  signal: string | null;
  last_log_seq: number;
  reported_last_seq: number | null;
}

export interface TaskLogChunkRow {
  task_id: string;
  log_offset: number;
  attempt_id: string;
  seq: number;
  stream: string;
  data: string;
  created_at_ms: number;
}

export interface TaskClaimRow {
  machine_id: string;
  claim_id: string;
  attempt_ids_json: string;
  created_at_ms: number;
}

export interface TaskScheduleRow {
  id: string;
  name: string;
  cron: string;
  template_json: string;
  is_enabled: number;
  allows_overlap: number;
  created_by_user_id: string | null;
  next_run_at_ms: number;
  last_task_id: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface FleetTables {
  machines: MachineRow;
  machine_enrollment_tokens: EnrollmentTokenRow;
  tasks: TaskRow;
  task_label_targets: TaskLabelTargetRow;
  task_attempts: TaskAttemptRow;
  task_log_chunks: TaskLogChunkRow;
  task_claims: TaskClaimRow;
  task_schedules: TaskScheduleRow;
}

export const fleetDb = (db: AnyKysely) => db as Kysely<FleetTables>;
