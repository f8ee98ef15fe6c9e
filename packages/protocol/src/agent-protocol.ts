/*
 * Agent API v1: the wire between `switchyard serve` and `switchyard agent` (docs: design agent-protocol).
 *
 * Every call is `POST /agent/v1/<route>` with a JSON body. All routes except `enroll` need
 * `Authorization: Bearer <machine token>`; the machine is always the token's machine, never a body field.
 * Errors use the platform shape `{error:{code,message,details?}}`.
 *
 *   enroll                 {enrollment_token} → {machine_id, machine_token}. Enrollment tokens are single use and
 *                          live 30 min; the agent stores the machine token in its work dir and never enrolls again.
 *   register               machine facts + held attempts after a restart → heartbeat/lease numbers and, per held
 *                          attempt, `continue` (current and leased: renew now) or `abort` (stale: kill it, do not
 *                          complete it). Call it on every start before anything else.
 *   heartbeat              system + GPU metrics every `heartbeat_interval_ms` (±20 % jitter) → cancel list, config.
 *   claim                  long-poll up to `wait_ms` (≤ 25 000) for at most `free_slots` tasks (+ this machine's cancel
 *                          list, since a cancel wakes the poll). Same `claim_id` on a
 *                          retry returns the same leases (remembered 10 min), so a lost reply never strands a task.
 *                          Woken early by new tasks and by cancels. Empty `tasks` on timeout.
 *   tasks/:id/start        {attempt_id, process_id} before the process counts as running; the agent starts the
 *                          process only after this succeeds (the first-renew gate).
 *   tasks/:id/renew        {attempt_id} every lease_ttl_ms / 3 (±10 %); on error retry every 2 s. The agent
 *                          self-fences on its monotonic clock from the send time of the last good renew:
 *                          SIGTERM at TTL − 15 s, SIGKILL of the process group at TTL − 5 s.
 *   tasks/:id/events       {attempt_id, chunks:[{seq, stream, data}]} flushed at 64 KiB or 1 s; `seq` starts at 1
 *                          and grows by one per chunk within an attempt; the server dedupes on (task, attempt, seq)
 *                          and answers the highest stored `acked_seq`.
 *   tasks/:id/complete     {attempt_id, outcome, exit_code, signal, last_seq, outputs?}; retried with the same body
 *                          until 2xx or 409. First write wins; repeats with the same attempt_id return the stored result.
 *
 * Any task write whose attempt_id is not the task's current attempt (or whose task is leased to another machine)
 * gets 409 `stale_attempt`: the agent must stop that process and drop its spool. `cancel_requested: true` in a reply
 * means SIGTERM the process group, wait the grace period (default 10 s), SIGKILL, then complete with `cancelled`.
 */
import { z } from 'zod';

export const agentApiPrefix = '/agent/v1';

/** Defaults of the protocol; the server's replies carry the values actually in force. */
export const agentProtocolDefaults = {
  heartbeatIntervalMs: 15_000,
  leaseTtlMs: 60_000,
  claimMaxWaitMs: 25_000,
  cancelGraceMs: 10_000,
  logChunkMaxBytes: 64 * 1024,
  logFlushIntervalMs: 1_000,
} as const;

/** `error.code` values the agent acts on. */
export const agentErrorCodes = {
  staleAttempt: 'stale_attempt',
  machineTokenInvalid: 'machine_token_invalid',
  enrollmentTokenInvalid: 'enrollment_token_invalid',
  taskNotFound: 'task_not_found',
} as const;

const isoTimestamp = z.string().datetime({ offset: true });
const nonNegativeInt = z.number().int().nonnegative();
/** nvidia-smi prints `[N/A]` / `[Not Supported]` for fields a card lacks; those travel as null. */
const optionalMetric = z.number().nullable();

// ---- enroll ----------------------------------------------------------------------------------
export const agentEnrollRequestSchema = z.object({
  enrollment_token: z.string().min(1),
  hostname: z.string().max(255).optional(),
});
export const agentEnrollReplySchema = z.object({
  machine_id: z.string(),
  machine_token: z.string(),
});

// ---- register --------------------------------------------------------------------------------
export const agentGpuFactSchema = z.object({
  index: nonNegativeInt,
  uuid: z.string(),
  name: z.string(),
  memory_total_bytes: nonNegativeInt,
});
export const agentDiskFactSchema = z.object({
  mount: z.string(),
  total_bytes: nonNegativeInt,
  free_bytes: nonNegativeInt.optional(),
});
export const agentHeldAttemptSchema = z.object({
  task_id: z.string(),
  attempt_id: z.string(),
  pid_alive: z.boolean(),
});
/** `process` and `docker` are built in; modules add executors for their task types (e.g. `oi`). */
export const agentExecutorSchema = z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/);

export const agentRegisterRequestSchema = z.object({
  agent_version: z.string().max(64),
  hostname: z.string().max(255),
  os: z.string().max(64).optional(),
  arch: z.string().max(64).optional(),
  cpu_model: z.string().max(255).optional(),
  cpu_cores: nonNegativeInt.optional(),
  memory_total_bytes: nonNegativeInt.optional(),
  disks: z.array(agentDiskFactSchema).max(256).default([]),
  gpus: z.array(agentGpuFactSchema).max(64).default([]),
  executors: z.array(agentExecutorSchema).default(['process']),
  /** How many tasks the agent runs at once (`--slots`). */
  slots: z.number().int().min(1).max(1024).default(1),
  /** `--labels k=v,…`; merged into the machine's labels (agent-set keys win over earlier agent-set keys only). */
  labels: z.record(z.string(), z.string()).optional(),
  held_attempts: z.array(agentHeldAttemptSchema).max(1024).default([]),
});
export const agentHeldAttemptActionSchema = z.object({
  task_id: z.string(),
  attempt_id: z.string(),
  action: z.enum(['continue', 'abort']),
});
export const agentRegisterReplySchema = z.object({
  machine_id: z.string(),
  heartbeat_interval_ms: nonNegativeInt,
  lease_ttl_ms: nonNegativeInt,
  claim_max_wait_ms: nonNegativeInt,
  log_chunk_max_bytes: nonNegativeInt,
  held_attempts: z.array(agentHeldAttemptActionSchema),
});

// ---- heartbeat -------------------------------------------------------------------------------
export const agentSystemMetricsSchema = z.object({
  cpu_percent: z.number().min(0).max(100),
  load_average: z.tuple([z.number(), z.number(), z.number()]),
  memory_total_bytes: nonNegativeInt,
  memory_used_bytes: nonNegativeInt,
  disks: z
    .array(z.object({ mount: z.string(), total_bytes: nonNegativeInt, used_bytes: nonNegativeInt }))
    .max(256)
    .default([]),
  network: z
    .array(z.object({ interface: z.string(), rx_bytes: nonNegativeInt, tx_bytes: nonNegativeInt }))
    .max(256)
    .default([]),
  uptime_s: z.number().nonnegative(),
});
export const agentGpuMetricsSchema = z.object({
  index: nonNegativeInt,
  uuid: z.string(),
  utilization_percent: optionalMetric,
  memory_utilization_percent: optionalMetric.optional(),
  memory_used_bytes: optionalMetric,
  memory_total_bytes: optionalMetric,
  temperature_c: optionalMetric,
  power_watts: optionalMetric,
  sm_clock_mhz: optionalMetric,
  ecc_errors_uncorrected: optionalMetric,
});
export const agentHeartbeatRequestSchema = z.object({
  system: agentSystemMetricsSchema,
  gpus: z.array(agentGpuMetricsSchema).max(64).default([]),
  /** Attempts the agent is running now, so the server can tell them apart from lost ones. */
  running_attempts: z
    .array(z.object({ task_id: z.string(), attempt_id: z.string() }))
    .max(1024)
    .default([]),
});
export const agentCancelSignalSchema = z.object({ task_id: z.string(), attempt_id: z.string() });
export const agentHeartbeatReplySchema = z.object({
  cancel: z.array(agentCancelSignalSchema),
  config: z.object({
    heartbeat_interval_ms: nonNegativeInt,
    lease_ttl_ms: nonNegativeInt,
    /** An admin asked for fresh hardware facts: call `register` again. */
    needs_collect: z.boolean().default(false),
  }),
});

// ---- claim -----------------------------------------------------------------------------------
export const agentClaimRequestSchema = z.object({
  claim_id: z.string().min(8).max(128),
  free_slots: z.number().int().min(0).max(1024),
  wait_ms: z.number().int().min(0).max(agentProtocolDefaults.claimMaxWaitMs).default(0),
});
export const agentClaimedTaskSchema = z.object({
  task_id: z.string(),
  attempt_id: z.string(),
  n: z.number().int().min(1),
  type: z.string(),
  payload: z.unknown(),
  lease_ttl_ms: nonNegativeInt,
  lease_expires_at: isoTimestamp,
  cancel_grace_ms: nonNegativeInt,
  /** GPU indexes on this machine the task may use (empty when it asked for none). */
  gpu_indexes: z.array(nonNegativeInt).default([]),
});
export const agentClaimReplySchema = z.object({
  tasks: z.array(agentClaimedTaskSchema),
  /** Attempts of this machine with a cancel request: a cancel also wakes an open claim. */
  cancel: z.array(agentCancelSignalSchema).default([]),
});

// ---- per task --------------------------------------------------------------------------------
export const agentTaskStartRequestSchema = z.object({
  attempt_id: z.string(),
  process_id: z.number().int().nullable(),
});
export const agentTaskRenewRequestSchema = z.object({ attempt_id: z.string() });
export const agentLeaseReplySchema = z.object({
  lease_expires_at: isoTimestamp,
  lease_ttl_ms: nonNegativeInt,
  cancel_requested: z.boolean(),
});

export const agentLogStreamSchema = z.enum(['stdout', 'stderr', 'system']);
export const agentLogChunkSchema = z.object({
  seq: z.number().int().min(1),
  stream: agentLogStreamSchema,
  data: z.string(),
});
export const agentTaskEventsRequestSchema = z.object({
  attempt_id: z.string(),
  chunks: z.array(agentLogChunkSchema).max(1024),
});
export const agentTaskEventsReplySchema = z.object({
  acked_seq: nonNegativeInt,
  cancel_requested: z.boolean(),
});

export const agentTaskOutcomeSchema = z.enum(['succeeded', 'failed', 'cancelled', 'lease_lost']);
export const agentTaskCompleteRequestSchema = z.object({
  attempt_id: z.string(),
  outcome: agentTaskOutcomeSchema,
  exit_code: z.number().int().nullable(),
  /** e.g. "SIGKILL" when the process died of a signal. */
  signal: z.string().max(32).nullable(),
  last_seq: nonNegativeInt,
  outputs: z.record(z.string(), z.unknown()).optional(),
  error: z.string().max(4096).optional(),
});
export const agentTaskCompleteReplySchema = z.object({
  task_id: z.string(),
  attempt_id: z.string(),
  state: z.enum(['queued', 'leased', 'running', 'succeeded', 'failed', 'cancelled']),
  end_reason: z.string(),
});

// ---- task payloads ---------------------------------------------------------------------------
export const commandTaskPayloadSchema = z.object({
  type: z.literal('command'),
  command: z.array(z.string()).min(1),
  env: z.record(z.string(), z.string()).optional(),
  timeout_s: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
  workdir: z.string().optional(),
  /** Run inside the judge's sandbox (no network, limits). */
  sandbox: z.boolean().optional(),
});
export const dockerTaskPayloadSchema = z.object({
  type: z.literal('docker'),
  image: z.string().min(1),
  command: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeout_s: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
  /** host:container[:ro] */
  mounts: z.array(z.string()).optional(),
  /** host:container */
  ports: z.array(z.string()).optional(),
});

export type AgentEnrollRequest = z.infer<typeof agentEnrollRequestSchema>;
export type AgentEnrollReply = z.infer<typeof agentEnrollReplySchema>;
export type AgentGpuFact = z.infer<typeof agentGpuFactSchema>;
export type AgentHeldAttempt = z.infer<typeof agentHeldAttemptSchema>;
export type AgentExecutor = z.infer<typeof agentExecutorSchema>;
export type AgentRegisterRequest = z.input<typeof agentRegisterRequestSchema>;
export type AgentRegisterReply = z.infer<typeof agentRegisterReplySchema>;
export type AgentSystemMetrics = z.input<typeof agentSystemMetricsSchema>;
export type AgentGpuMetrics = z.infer<typeof agentGpuMetricsSchema>;
export type AgentHeartbeatRequest = z.input<typeof agentHeartbeatRequestSchema>;
export type AgentHeartbeatReply = z.infer<typeof agentHeartbeatReplySchema>;
export type AgentClaimRequest = z.input<typeof agentClaimRequestSchema>;
export type AgentClaimedTask = z.infer<typeof agentClaimedTaskSchema>;
export type AgentClaimReply = z.infer<typeof agentClaimReplySchema>;
export type AgentTaskStartRequest = z.infer<typeof agentTaskStartRequestSchema>;
export type AgentTaskRenewRequest = z.infer<typeof agentTaskRenewRequestSchema>;
export type AgentLeaseReply = z.infer<typeof agentLeaseReplySchema>;
export type AgentLogStream = z.infer<typeof agentLogStreamSchema>;
export type AgentLogChunk = z.infer<typeof agentLogChunkSchema>;
export type AgentTaskEventsRequest = z.infer<typeof agentTaskEventsRequestSchema>;
export type AgentTaskEventsReply = z.infer<typeof agentTaskEventsReplySchema>;
export type AgentTaskOutcome = z.infer<typeof agentTaskOutcomeSchema>;
export type AgentTaskCompleteRequest = z.infer<typeof agentTaskCompleteRequestSchema>;
export type AgentTaskCompleteReply = z.infer<typeof agentTaskCompleteReplySchema>;
export type CommandTaskPayload = z.infer<typeof commandTaskPayloadSchema>;
export type DockerTaskPayload = z.infer<typeof dockerTaskPayloadSchema>;
