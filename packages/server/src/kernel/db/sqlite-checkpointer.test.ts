import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSqliteCheckpointer } from './sqlite-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean, boundMs = 15_000) {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe(startSqliteCheckpointer.name, () => {
  it('takes checkpoints over from the writer once the WAL grows, and hands them back when stopped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-ckpt-'));
    dirs.push(dir);
    const filePath = path.join(dir, 'db.sqlite');
    const connection = new SqliteDatabase(filePath);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.exec('create table t (id integer primary key, v text)');
    const insert = connection.prepare('insert into t (v) values (?)');
    const writeKiB = (kib: number) => {
      for (let index = 0; index < kib; index += 1) insert.run('x'.repeat(1000));
    };
    const checkpointer = startSqliteCheckpointer({
      connection,
      filePath,
      startAtWalBytes: 64 * 1024,
      intervalMs: 20,
    });
    try {
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      writeKiB(128);
      // The worker is started and says it is ready: the writer stops checkpointing by itself.
      await until(() => connection.pragma('wal_autocheckpoint', { simple: true }) === 0);
      const mainFileBefore = fs.statSync(filePath).size;
      writeKiB(2048);
      // Only the worker can have copied these pages into the main file now.
      await until(() => fs.statSync(filePath).size >= mainFileBefore + 2000 * 1024);
      expect(connection.prepare('select count(*) as n from t').get()).toEqual({ n: 128 + 2048 });
    } finally {
      await checkpointer.stop();
    }
    await until(() => connection.pragma('wal_autocheckpoint', { simple: true }) === 1000);
    connection.close();
  });

  it('leaves a database whose WAL stays small alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-ckpt-'));
    dirs.push(dir);
    const filePath = path.join(dir, 'db.sqlite');
    const connection = new SqliteDatabase(filePath);
    connection.pragma('journal_mode = WAL');
    connection.exec('create table t (id integer primary key)');
    const checkpointer = startSqliteCheckpointer({ connection, filePath, startAtWalBytes: 64 * 1024 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    connection.close();
  });
});
