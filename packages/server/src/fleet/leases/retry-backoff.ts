import { type RawBuilder, sql } from 'kysely';
import type { DatabaseDialect } from '../../kernel/db/database.js';
import { epochMsSql } from './epoch-ms-sql.js';

/**
 * Retry delay after attempt n: min(300 s, 5 s · 2^(n−1)) × uniform(0.5, 1) (pg-boss's formula with
 * jitter and a cap), so a batch of leases lost together does not come back as one thundering herd.
 */
export const retryBaseDelayMs = (attempt: number): number =>
  Math.min(300_000, 5_000 * 2 ** Math.max(0, attempt - 1));

/**
 * The same formula as a SQL expression over `tasks.attempt`, so the reaper requeues a whole batch in one
 * statement. A CASE table instead of power(): SQLite builds without math functions by default.
 */
export function retryNotBeforeSql(dialect: DatabaseDialect, nowMs: number): RawBuilder<number> {
  const steps = [1, 2, 3, 4, 5, 6].map(
    (attempt) => sql`when attempt <= ${sql.lit(attempt)} then ${sql.lit(retryBaseDelayMs(attempt))}`,
  );
  const base = sql`(case ${sql.join(steps, sql` `)} else ${sql.lit(retryBaseDelayMs(7))} end)`;
  const jitter =
    dialect === 'postgres' ? sql`(0.5 + random() / 2)` : sql`(0.5 + (abs(random()) % 1000) / 2000.0)`;
  return sql<number>`cast(${epochMsSql(nowMs)} + ${base} * ${jitter} as bigint)`;
}
