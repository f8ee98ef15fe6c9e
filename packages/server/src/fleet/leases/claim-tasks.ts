import type { AgentClaimedTask } from '@switchyard/protocol';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import { fleetDb, type MachineRow } from '../fleet-tables.js';
import { assignGpus } from './assign-gpus.js';
import { type ClaimingMachine, claimNextTask } from './claim-next-task.js';
import { findClaimRecord, insertClaimRecord } from './claim-records.js';
import { insertAttempt } from './insert-attempt.js';
import { presentClaimedTask } from './lease-presenter.js';

export function toClaimingMachine(machine: MachineRow): ClaimingMachine {
  const labels = JSON.parse(machine.labels_json) as Record<string, string>;
  return {
    id: machine.id,
    labels: Object.entries(labels).map(([key, value]) => `${key}=${value}`),
    executors: JSON.parse(machine.executors_json) as string[],
    gpuCount: (JSON.parse(machine.gpus_json) as unknown[]).length,
  };
}

/**
 * One claim pass in one write transaction: a remembered claim_id returns its leases again (the reply was
 * lost); otherwise up to `freeSlots` tasks are leased, one statement each, and the claim_id remembered.
 */
export async function claimTasks(
  deps: { database: Database; clock: Clock },
  options: {
    machine: MachineRow;
    claimId: string;
    freeSlots: number;
  },
): Promise<AgentClaimedTask[]> {
  const { database, clock } = deps;
  const { machine, claimId } = options;
  return database.writeTransaction(async (trx) => {
    const nowMs = clock.nowMs();
    const remembered = await findClaimRecord(trx, { machineId: machine.id, claimId });
    if (remembered) {
      if (remembered.length === 0) return [];
      const rows = await fleetDb(trx)
        .selectFrom('tasks')
        .selectAll()
        .where('attempt_id', 'in', remembered)
        .where('machine_id', '=', machine.id)
        .where('state', 'in', ['leased', 'running'])
        .execute();
      return rows.map(presentClaimedTask);
    }
    const claimed: AgentClaimedTask[] = [];
    const claimingMachine = toClaimingMachine(machine);
    for (let slot = 0; slot < options.freeSlots; slot += 1) {
      const attemptId = newId('att', nowMs);
      const row = await claimNextTask(trx, {
        dialect: database.dialect,
        machine: claimingMachine,
        attemptId,
        nowMs,
      });
      if (!row) break;
      await insertAttempt(trx, {
        attemptId,
        taskId: row.id,
        n: Number(row.attempt),
        machineId: machine.id,
        claimId,
        nowMs,
      });
      claimed.push(presentClaimedTask(await assignGpus(trx, { task: row, machine })));
    }
    if (claimed.length > 0) {
      await insertClaimRecord(trx, {
        machineId: machine.id,
        claimId,
        attemptIds: claimed.map((task) => task.attempt_id),
        nowMs,
      });
    }
    return claimed;
  });
}
