import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { startSqliteCheckpointer } from './sqlite-checkpointer.js';

export type DatabaseDialect = 'sqlite' | 'postgres';

/**
 * Kysely over any table set. Each module types its own tables (`db as Kysely<IdentityTables>`),
 * so no module needs to know another's schema.
 */
// biome-ignore lint/suspicious/noExplicitAny: modules narrow this to their own table interfaces.
export type AnyKysely = Kysely<any>;

export interface Database {
  db: AnyKysely;
  dialect: DatabaseDialect;
  /** Runs a read-write transaction that takes the write lock up front (BEGIN IMMEDIATE on SQLite). */
  writeTransaction<T>(work: (trx: AnyKysely) => Promise<T>): Promise<T>;
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

// int8 (COUNT, SUM, bigint columns) arrives as a string by default; every value we store fits 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric (SUM over bigint) likewise.
pg.types.setTypeParser(1700, (value) => Number(value));

export interface OpenDatabaseOptions {
  url: string;
  /** PostgreSQL only: a schema to create and use (per-test isolation). */
  schema?: string;
  poolSize?: number;
}

const statementCacheSize = 2_000;

/**
 * Kysely's SQLite driver calls prepare() for every query; compiling the same SQL again costs more
 * than running it (3 % of gateway CPU in bench/results/gateway.json's profile). Statements are
 * reused by SQL text: the connection is used by one query at a time behind Kysely's mutex, and
 * SQLite re-prepares a cached statement by itself after a schema change.
 */
function cachePreparedStatements(connection: SqliteDatabase.Database): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, SqliteDatabase.Statement>();
  connection.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= statementCacheSize) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as typeof connection.prepare;
}

function openSqlite(filePath: string): Database {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const connection = new SqliteDatabase(filePath);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  cachePreparedStatements(connection);
  const checkpointer =
    filePath === ':memory:' ? undefined : startSqliteCheckpointer({ connection, filePath });
  const db = new Kysely({ dialect: new SqliteDialect({ database: connection }) });
  return {
    db,
    dialect: 'sqlite',
    // Kysely's SqliteDialect holds one connection behind a mutex, so a transaction here is the only
    // writer in this process; BEGIN IMMEDIATE also keeps other processes out until commit.
    writeTransaction: (work) =>
      db.connection().execute(async (connectionDb) => {
        await sql`begin immediate`.execute(connectionDb);
        try {
          const result = await work(connectionDb);
          await sql`commit`.execute(connectionDb);
          return result;
        } catch (error) {
          await sql`rollback`.execute(connectionDb);
          throw error;
        }
      }),
    isReachable: async () => {
      try {
        connection.prepare('select 1').get();
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(options: OpenDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    writeTransaction: (work) => db.transaction().execute(work),
    isReachable: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/** Opens SQLite (`sqlite:<path>` or `sqlite::memory:`) or PostgreSQL (`postgres://…`). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url.startsWith('sqlite:')) return openSqlite(options.url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    if (options.schema) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error('invalid schema name');
      const admin = new pg.Client({ connectionString: options.url });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${options.schema}`);
      } finally {
        await admin.end();
      }
    }
    return openPostgres(options);
  }
  throw new Error(`unsupported database url: ${options.url.split(':')[0]}`);
}
