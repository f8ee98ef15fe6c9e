import { sql } from 'kysely';
import type { AnyKysely, DatabaseDialect } from '../../kernel/db/database.js';

// Any constant; one lock for every change that could leave the system without an enabled admin.
const adminChangeLockKey = 7_302_115;

/**
 * Serialises admin-affecting writes. SQLite's BEGIN IMMEDIATE already admits one writer; on
 * PostgreSQL two transactions could each see "another admin remains" and both proceed without it.
 */
export async function lockAdminChanges(trx: AnyKysely, dialect: DatabaseDialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${adminChangeLockKey})`.execute(trx);
}
