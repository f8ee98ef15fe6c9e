import { z } from 'zod';
import { parseEnv } from '../kernel/config.js';

const positiveInteger = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The fleet's own environment variables (read through the kernel's env parser so errors name the variable). */
export const fleetEnvSchema = z.object({
  SWITCHYARD_FLEET_TASK_LOG_CAP_BYTES: positiveInteger(1024, 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  SWITCHYARD_FLEET_REAPER_INTERVAL_MS: positiveInteger(100, 600_000).default(5_000),
  SWITCHYARD_FLEET_HEARTBEAT_INTERVAL_MS: positiveInteger(1_000, 600_000).default(15_000),
  SWITCHYARD_FLEET_SSE_HEARTBEAT_MS: positiveInteger(100, 600_000).default(15_000),
  SWITCHYARD_LOCAL_AGENT_SLOTS: positiveInteger(1, 256).default(2),
});

export interface FleetSettings {
  taskLogCapBytes: number;
  reaperIntervalMs: number;
  heartbeatIntervalMs: number;
  sseHeartbeatMs: number;
  localAgentSlots: number;
}

export function loadFleetSettings(env: Record<string, string | undefined>): FleetSettings {
  const parsed = parseEnv(fleetEnvSchema, env);
  return {
    taskLogCapBytes: parsed.SWITCHYARD_FLEET_TASK_LOG_CAP_BYTES,
    reaperIntervalMs: parsed.SWITCHYARD_FLEET_REAPER_INTERVAL_MS,
    heartbeatIntervalMs: parsed.SWITCHYARD_FLEET_HEARTBEAT_INTERVAL_MS,
    sseHeartbeatMs: parsed.SWITCHYARD_FLEET_SSE_HEARTBEAT_MS,
    localAgentSlots: parsed.SWITCHYARD_LOCAL_AGENT_SLOTS,
  };
}
