import type { AgentGpuFact } from '@switchyard/protocol';
import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb, type MachineRow, type TaskRow } from '../fleet-tables.js';

/**
 * Picks concrete GPU indexes for a freshly claimed task: the machine's GPUs minus those other live leases
 * on it hold. The claim statement already guaranteed enough are free.
 */
export async function assignGpus(
  trx: AnyKysely,
  options: { task: TaskRow; machine: MachineRow },
): Promise<TaskRow> {
  const wanted = Number(options.task.gpus);
  if (wanted <= 0) return options.task;
  const busyRows = await fleetDb(trx)
    .selectFrom('tasks')
    .select('gpu_indexes_json')
    .where('machine_id', '=', options.machine.id)
    .where('state', 'in', ['leased', 'running'])
    .where('id', '!=', options.task.id)
    .execute();
  const busy = new Set(
    busyRows.flatMap((row) => (row.gpu_indexes_json ? (JSON.parse(row.gpu_indexes_json) as number[]) : [])),
  );
  const all = (JSON.parse(options.machine.gpus_json) as AgentGpuFact[])
    .map((gpu) => gpu.index)
    .sort((a, b) => a - b);
  const picked = all.filter((index) => !busy.has(index)).slice(0, wanted);
  const gpuIndexesJson = JSON.stringify(picked);
  await fleetDb(trx)
    .updateTable('tasks')
    .set({ gpu_indexes_json: gpuIndexesJson })
    .where('id', '=', options.task.id)
    .execute();
  return { ...options.task, gpu_indexes_json: gpuIndexesJson };
}
