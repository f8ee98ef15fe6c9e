import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { type Database, type DatabaseDialect, openDatabase } from './database.js';

export interface TestDatabase extends Database {
  /** Drops the schema (PostgreSQL) or deletes the file (SQLite). */
  dispose(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a new PostgreSQL schema on TEST_DATABASE_URL. */
export async function createTestDatabase(dialect: DatabaseDialect = 'sqlite'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-db-'));
    const database = await openDatabase({ url: `sqlite:${path.join(dir, 'test.db')}` });
    return {
      ...database,
      dispose: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url, schema, poolSize: 20 });
  return {
    ...database,
    dispose: async () => {
      await database.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** The dialects store tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): DatabaseDialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Runs one suite per available dialect (the contract-suite pattern). */
export function describeEachDialect(name: string, suite: (dialect: DatabaseDialect) => void): void {
  for (const dialect of testDialects()) describe(`${name} [${dialect}]`, () => suite(dialect));
}
