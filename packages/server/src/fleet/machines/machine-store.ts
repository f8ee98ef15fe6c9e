import type { AnyKysely } from '../../kernel/db/database.js';
import { fleetDb, type MachineRow } from '../fleet-tables.js';

export async function insertMachine(db: AnyKysely, row: MachineRow): Promise<void> {
  await fleetDb(db).insertInto('machines').values(row).execute();
}

export async function findMachineById(db: AnyKysely, id: string): Promise<MachineRow | undefined> {
  return fleetDb(db).selectFrom('machines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMachineByTokenHash(
  db: AnyKysely,
  tokenHash: string,
): Promise<MachineRow | undefined> {
  return fleetDb(db)
    .selectFrom('machines')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findMachineByName(db: AnyKysely, name: string): Promise<MachineRow | undefined> {
  return fleetDb(db).selectFrom('machines').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The first identity field (name, hostname, ip, domain) another machine already uses. */
export async function findIdentityClash(
  db: AnyKysely,
  identity: {
    name?: string;
    hostname?: string | null;
    ip?: string | null;
    domain?: string | null;
    exceptId?: string;
  },
): Promise<{ field: string; value: string } | undefined> {
  for (const field of ['name', 'hostname', 'ip', 'domain'] as const) {
    const value = identity[field];
    if (!value) continue;
    let query = fleetDb(db).selectFrom('machines').select('id').where(field, '=', value);
    if (identity.exceptId) query = query.where('id', '!=', identity.exceptId);
    if (await query.executeTakeFirst()) return { field, value };
  }
  return undefined;
}

export async function listMachines(db: AnyKysely): Promise<MachineRow[]> {
  return fleetDb(db).selectFrom('machines').selectAll().orderBy('name').execute();
}

export async function updateMachine(
  db: AnyKysely,
  id: string,
  changes: Partial<Omit<MachineRow, 'id' | 'created_at_ms'>>,
): Promise<void> {
  await fleetDb(db).updateTable('machines').set(changes).where('id', '=', id).execute();
}

export async function deleteMachine(db: AnyKysely, id: string): Promise<void> {
  await fleetDb(db).deleteFrom('machine_enrollment_tokens').where('machine_id', '=', id).execute();
  await fleetDb(db).deleteFrom('machines').where('id', '=', id).execute();
}

/** GPUs held by live leases, per machine. */
export async function countBusyGpusByMachine(db: AnyKysely): Promise<Map<string, number>> {
  const rows = await fleetDb(db)
    .selectFrom('tasks')
    .select(['machine_id', (eb) => eb.fn.sum<number>('gpus').as('busy')])
    .where('state', 'in', ['leased', 'running'])
    .groupBy('machine_id')
    .execute();
  return new Map(rows.map((row) => [String(row.machine_id), Number(row.busy ?? 0)]));
}
