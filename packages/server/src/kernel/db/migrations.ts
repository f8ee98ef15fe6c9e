import { sql } from 'kysely';
import type { AnyKysely, Database, DatabaseDialect } from './database.js';

/** One schema change. `name` is global and ordered: `<module>_<nnn>_<what>`. */
export interface Migration {
  name: string;
  up(db: AnyKysely, dialect: DatabaseDialect): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

const migrationTable = 'switchyard_migrations';
// Any constant; serialises concurrent migrators on one PostgreSQL database.
const postgresLockKey = 7_302_114;

async function ensureMigrationTable(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable(migrationTable)
    .ifNotExists()
    .addColumn('name', 'varchar(200)', (column) => column.primaryKey())
    .addColumn('applied_at_ms', 'bigint', (column) => column.notNull())
    .execute();
}

async function isApplied(db: AnyKysely, name: string): Promise<boolean> {
  const row = await db.selectFrom(migrationTable).select('name').where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies pending migrations in order, each in its own transaction together with its record, so a
 * migration that fails leaves the schema as it was (both SQLite and PostgreSQL have transactional DDL).
 * Running it again is a no-op.
 */
export async function runMigrations(
  database: Database,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  const names = new Set<string>();
  for (const migration of migrations) {
    if (names.has(migration.name)) throw new Error(`duplicate migration name ${migration.name}`);
    names.add(migration.name);
  }
  await ensureMigrationTable(database.db);
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const applied = await database.writeTransaction(async (trx) => {
      if (database.dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(${postgresLockKey})`.execute(trx);
      if (await isApplied(trx, migration.name)) return false;
      await migration.up(trx, database.dialect);
      await trx
        .insertInto(migrationTable)
        .values({ name: migration.name, applied_at_ms: Date.now() })
        .execute();
      return true;
    });
    if (applied) report.applied.push(migration.name);
    else report.alreadyApplied += 1;
  }
  return report;
}

/** Names of the migrations recorded as applied, in order of application. */
export async function listAppliedMigrations(database: Database): Promise<string[]> {
  await ensureMigrationTable(database.db);
  const rows = await database.db
    .selectFrom(migrationTable)
    .select('name')
    .orderBy('applied_at_ms')
    .orderBy('name')
    .execute();
  return rows.map((row) => String(row.name));
}
