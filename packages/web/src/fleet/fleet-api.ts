import type { ApiClient } from '../api/api-client.js';
import type { Page } from '../api/identity-api.js';

export type MachineReachability = 'online' | 'unreachable' | 'offline';
export type MachineAllocation = 'idle' | 'allocated' | 'maintenance';
export type TaskState = 'queued' | 'leased' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const taskStates: readonly TaskState[] = [
  'queued',
  'leased',
  'running',
  'succeeded',
  'failed',
  'cancelled',
];
export const finalTaskStates: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'cancelled']);

/** One card's heartbeat values; nvidia-smi's `[N/A]` fields arrive as null (protocol agentGpuMetricsSchema). */
export interface GpuMetrics {
  index: number;
  uuid: string;
  utilization_percent: number | null;
  memory_utilization_percent?: number | null;
  memory_used_bytes: number | null;
  memory_total_bytes: number | null;
  temperature_c: number | null;
  power_watts: number | null;
  sm_clock_mhz: number | null;
  ecc_errors_uncorrected: number | null;
}

export interface MachineGpu {
  index: number;
  uuid: string;
  name: string;
  memory_total_bytes: number;
  metrics: GpuMetrics | null;
}

export interface MachineHardware {
  hostname?: string;
  os?: string | null;
  arch?: string | null;
  cpu_model?: string | null;
  cpu_cores?: number | null;
  memory_total_bytes?: number | null;
  disks?: Array<{ mount: string; total_bytes: number; free_bytes?: number }>;
  agent_version?: string;
}

export interface SystemMetrics {
  cpu_percent: number;
  load_average: [number, number, number];
  memory_total_bytes: number;
  memory_used_bytes: number;
  disks?: Array<{ mount: string; total_bytes: number; used_bytes: number }>;
  uptime_s: number;
}

/** A machine as the admin API presents it (server fleet/machines/machine-presenter.ts). */
export interface Machine {
  id: string;
  name: string;
  hostname: string | null;
  ip: string | null;
  domain: string | null;
  region: string | null;
  labels: Record<string, string>;
  reachability: MachineReachability;
  allocation: MachineAllocation;
  health: string;
  has_ssh_login: boolean;
  has_token: boolean;
  hardware: MachineHardware | null;
  gpus: MachineGpu[];
  gpus_busy: number;
  system_metrics: SystemMetrics | null;
  executors: string[];
  slots: number;
  needs_collect: boolean;
  registered_at: string | null;
  last_heartbeat_at: string | null;
  created_at: string;
}

/** Write-only: the server seals it and only ever answers `has_ssh_login`. */
export interface SshLogin {
  host?: string;
  port?: number;
  user: string;
  password?: string;
  private_key?: string;
}

export interface MachineCreate {
  name: string;
  hostname?: string;
  ip?: string;
  domain?: string;
  region?: string;
  labels?: Record<string, string>;
  ssh?: SshLogin;
}

export interface EnrollmentToken {
  token: string;
  expires_at: string;
}

export interface MachineCsvImportReport {
  created: Array<{ line: number; id: string; name: string }>;
  skipped: Array<{ line: number; name: string | null; code: string; reason: string }>;
}

export interface TaskAttempt {
  attempt_id: string;
  n: number;
  machine_id: string;
  end_reason: string | null;
  exit_code: number | null;
  signal: string | null;
  process_id: number | null;
  claimed_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  has_complete_logs: boolean;
}

/** A task as the task API presents it (server fleet/tasks/task-presenter.ts). */
export interface Task {
  id: string;
  type: string;
  state: TaskState;
  payload: { command?: string[]; env?: Record<string, string>; timeout_s?: number } & Record<string, unknown>;
  attempt: number;
  max_attempts: number;
  machine_id: string | null;
  target: { machine_id: string | null; labels: Record<string, string>; gpus: number };
  gpu_indexes: number[];
  exit_code: number | null;
  signal: string | null;
  end_reason: string | null;
  error: string | null;
  cancel_requested: boolean;
  wait_reason: string | null;
  created_by: string | null;
  log: { items: number; bytes: number; is_truncated: boolean };
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}

export interface TaskDetail extends Task {
  attempts: TaskAttempt[];
}

export interface TaskCreate {
  type: 'command';
  command: string[];
  env?: Record<string, string>;
  timeout_s?: number;
  machine_id?: string;
  labels?: Record<string, string>;
  gpus?: number;
  max_attempts?: number;
}

export interface TaskListQuery {
  state?: TaskState;
  machine_id?: string;
  page?: number;
  page_size?: number;
}

export interface TaskLogItem {
  offset: number;
  attempt_id: string;
  stream: 'stdout' | 'stderr' | 'system';
  data: string;
}

export interface FleetSummary {
  machines: {
    total: number;
    by_reachability: Record<MachineReachability, number>;
    by_allocation: Record<MachineAllocation, number>;
  };
  gpus: { total: number; busy: number; free: number; mean_utilization_percent: number | null };
  tasks: { by_state: Record<TaskState, number> };
  queue: { depth: number; oldest_wait_s: number };
}

const machinePath = (id: string) => `/api/admin/machines/${encodeURIComponent(id)}`;
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** Typed calls for /api/admin/machines, /api/admin/fleet and /api/tasks (server src/fleet). */
export function createFleetApi(client: ApiClient) {
  return {
    summary: () => client.request<FleetSummary>({ path: '/api/admin/fleet/summary' }),
    listMachines: () => client.request<{ items: Machine[] }>({ path: '/api/admin/machines' }),
    getMachine: (id: string) => client.request<Machine>({ path: machinePath(id) }),
    createMachine: (body: MachineCreate) =>
      client.request<Machine>({ method: 'POST', path: '/api/admin/machines', body }),
    issueEnrollmentToken: (id: string) =>
      client.request<EnrollmentToken>({ method: 'POST', path: `${machinePath(id)}/enrollment-token` }),
    requestCollect: (id: string) =>
      client.request<Machine>({ method: 'POST', path: `${machinePath(id)}/collect` }),
    importMachines: (csv: string) =>
      client.request<MachineCsvImportReport>({
        method: 'POST',
        path: '/api/admin/machines/import',
        body: { csv },
      }),
    listTasks: (query: TaskListQuery) =>
      client.request<Page<Task>>({ path: '/api/tasks', query: { ...query } }),
    getTask: (id: string) => client.request<TaskDetail>({ path: taskPath(id) }),
    createTask: (body: TaskCreate) => client.request<Task>({ method: 'POST', path: '/api/tasks', body }),
    cancelTask: (id: string) => client.request<Task>({ method: 'POST', path: `${taskPath(id)}/cancel` }),
    retryTask: (id: string) => client.request<Task>({ method: 'POST', path: `${taskPath(id)}/retry` }),
    pullTaskLog: (id: string, page: { offset: number; limit: number }) =>
      client.request<{ offset: number; next_offset: number; items: TaskLogItem[] }>({
        path: `${taskPath(id)}/logs`,
        query: page,
      }),
  };
}

export type FleetApi = ReturnType<typeof createFleetApi>;
