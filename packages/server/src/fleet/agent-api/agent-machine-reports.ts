import type { agentHeartbeatRequestSchema, agentRegisterRequestSchema } from '@switchyard/protocol';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import type { MachineHealth, MachineRow } from '../fleet-tables.js';
import { updateMachine } from '../machines/machine-store.js';

type RegisterBody = z.output<typeof agentRegisterRequestSchema>;
type HeartbeatBody = z.output<typeof agentHeartbeatRequestSchema>;

/** Stores the facts of `register`; agent-set labels are merged over the admin's. */
export async function recordRegistration(
  deps: { database: Database; clock: Clock },
  machine: MachineRow,
  body: RegisterBody,
) {
  const nowMs = deps.clock.nowMs();
  const labels = { ...(JSON.parse(machine.labels_json) as Record<string, string>), ...(body.labels ?? {}) };
  await updateMachine(deps.database.db, machine.id, {
    hardware_json: JSON.stringify({
      hostname: body.hostname,
      os: body.os ?? null,
      arch: body.arch ?? null,
      cpu_model: body.cpu_model ?? null,
      cpu_cores: body.cpu_cores ?? null,
      memory_total_bytes: body.memory_total_bytes ?? null,
      disks: body.disks,
      agent_version: body.agent_version,
    }),
    gpus_json: JSON.stringify(body.gpus),
    executors_json: JSON.stringify(body.executors),
    slots: body.slots,
    labels_json: JSON.stringify(labels),
    needs_collect: 0,
    health: machine.health === 'unknown' ? 'ok' : machine.health,
    registered_at_ms: nowMs,
    last_heartbeat_at_ms: nowMs,
    updated_at_ms: nowMs,
  });
}

/** Health from the GPU report: uncorrected ECC errors mean the card's memory can no longer be trusted. */
function healthOf(body: HeartbeatBody): MachineHealth {
  return body.gpus.some((gpu) => (gpu.ecc_errors_uncorrected ?? 0) > 0) ? 'warning' : 'ok';
}

/**
 * Heartbeats are soft state re-sent every 15 s, so on PostgreSQL they commit without waiting for the WAL
 * flush (`synchronous_commit = off`): a crash loses at most the last few hundred ms of them, never a
 * lease. A group-commit batch writer was tried first and was slower: it serialised the updates on one
 * connection where the pool runs them in parallel.
 */
export async function recordHeartbeat(
  deps: { database: Database; clock: Clock },
  machine: MachineRow,
  body: HeartbeatBody,
) {
  const nowMs = deps.clock.nowMs();
  const changes = {
    metrics_json: JSON.stringify({ system: body.system, gpus: body.gpus, at_ms: nowMs }),
    health: healthOf(body),
    last_heartbeat_at_ms: nowMs,
  };
  if (deps.database.dialect !== 'postgres') return updateMachine(deps.database.db, machine.id, changes);
  await deps.database.writeTransaction(async (trx) => {
    await sql`set local synchronous_commit to off`.execute(trx);
    await updateMachine(trx, machine.id, changes);
  });
}
