import { type Kysely, sql } from 'kysely';
import type { AnyKysely, DatabaseDialect } from '../../kernel/db/database.js';

export interface BillingAccountRow {
  user_id: string;
  balance_micros: number;
  reserved_micros: number;
  used_micros: number;
  /** 1: the balance is a hard limit; 0: usage is counted but never refused (the user was never funded). */
  is_limited: number;
  updated_at_ms: number;
}

export interface KeyQuotaRow {
  key_id: string;
  quota_micros: number | null;
  reserved_micros: number;
  used_micros: number;
  updated_at_ms: number;
}

interface AccountTables {
  billing_accounts: BillingAccountRow;
  billing_key_quotas: KeyQuotaRow;
}

const accountsOf = (db: AnyKysely) => db as Kysely<AccountTables>;

export async function ensureAccount(
  db: AnyKysely,
  userId: string,
  nowMs: number,
  options: { isLimited: boolean } = { isLimited: true },
): Promise<void> {
  await accountsOf(db)
    .insertInto('billing_accounts')
    .values({
      user_id: userId,
      balance_micros: 0,
      reserved_micros: 0,
      used_micros: 0,
      is_limited: options.isLimited ? 1 : 0,
      updated_at_ms: nowMs,
    })
    .onConflict((conflict) => conflict.column('user_id').doNothing())
    .execute();
}

export async function findAccount(
  db: AnyKysely,
  userId: string,
  options: { dialect?: DatabaseDialect; forUpdate?: boolean } = {},
) {
  let query = accountsOf(db).selectFrom('billing_accounts').selectAll().where('user_id', '=', userId);
  if (options.forUpdate && options.dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Holds `amountMicros` only if the unreserved balance covers it (or the account is not limited);
 * false means it does not.
 */
export async function reserveFromAccount(
  db: AnyKysely,
  options: { userId: string; amountMicros: number; nowMs: number },
): Promise<boolean> {
  const result = await accountsOf(db)
    .updateTable('billing_accounts')
    .set({ reserved_micros: sql`reserved_micros + ${options.amountMicros}`, updated_at_ms: options.nowMs })
    .where('user_id', '=', options.userId)
    .where(sql<boolean>`(is_limited = 0 or balance_micros - reserved_micros >= ${options.amountMicros})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Returns a hold and records a charge: `used_micros` grows by the charge, the balance shrinks by
 * `fromBalanceMicros` (the charge for a limited account, 0 for one that is not; defaults to the charge).
 */
export async function applyAccountSettlement(
  db: AnyKysely,
  options: {
    userId: string;
    releaseMicros: number;
    chargeMicros: number;
    fromBalanceMicros?: number;
    nowMs: number;
  },
): Promise<void> {
  await accountsOf(db)
    .updateTable('billing_accounts')
    .set({
      reserved_micros: sql`reserved_micros - ${options.releaseMicros}`,
      balance_micros: sql`balance_micros - ${options.fromBalanceMicros ?? options.chargeMicros}`,
      used_micros: sql`used_micros + ${options.chargeMicros}`,
      updated_at_ms: options.nowMs,
    })
    .where('user_id', '=', options.userId)
    .execute();
}

export async function adjustAccountBalance(
  db: AnyKysely,
  options: { userId: string; deltaMicros: number; nowMs: number },
) {
  return accountsOf(db)
    .updateTable('billing_accounts')
    .set({
      balance_micros: sql`balance_micros + ${options.deltaMicros}`,
      is_limited: 1,
      updated_at_ms: options.nowMs,
    })
    .where('user_id', '=', options.userId)
    .returning(['balance_micros', 'reserved_micros', 'used_micros', 'is_limited'])
    .executeTakeFirstOrThrow();
}

/** Makes an account unlimited again (its balance stays, unused, until it is limited again). */
export async function setAccountUnlimited(db: AnyKysely, options: { userId: string; nowMs: number }) {
  return accountsOf(db)
    .updateTable('billing_accounts')
    .set({ is_limited: 0, updated_at_ms: options.nowMs })
    .where('user_id', '=', options.userId)
    .returning(['balance_micros', 'reserved_micros', 'used_micros', 'is_limited'])
    .executeTakeFirstOrThrow();
}

export async function ensureKeyQuota(db: AnyKysely, keyId: string, nowMs: number): Promise<void> {
  await accountsOf(db)
    .insertInto('billing_key_quotas')
    .values({ key_id: keyId, quota_micros: null, reserved_micros: 0, used_micros: 0, updated_at_ms: nowMs })
    .onConflict((conflict) => conflict.column('key_id').doNothing())
    .execute();
}

export async function findKeyQuota(db: AnyKysely, keyId: string): Promise<KeyQuotaRow | undefined> {
  return accountsOf(db)
    .selectFrom('billing_key_quotas')
    .selectAll()
    .where('key_id', '=', keyId)
    .executeTakeFirst();
}

export async function setKeyQuotaLimit(
  db: AnyKysely,
  options: { keyId: string; quotaMicros: number | null; nowMs: number },
) {
  await ensureKeyQuota(db, options.keyId, options.nowMs);
  await accountsOf(db)
    .updateTable('billing_key_quotas')
    .set({ quota_micros: options.quotaMicros, updated_at_ms: options.nowMs })
    .where('key_id', '=', options.keyId)
    .execute();
}

/** Holds `amountMicros` against the key's own limit (null = unlimited); false when over it. */
export async function reserveFromKey(
  db: AnyKysely,
  options: { keyId: string; amountMicros: number; nowMs: number },
): Promise<boolean> {
  const result = await accountsOf(db)
    .updateTable('billing_key_quotas')
    .set({ reserved_micros: sql`reserved_micros + ${options.amountMicros}`, updated_at_ms: options.nowMs })
    .where('key_id', '=', options.keyId)
    .where(
      sql<boolean>`(quota_micros is null or quota_micros - used_micros - reserved_micros >= ${options.amountMicros})`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function applyKeySettlement(
  db: AnyKysely,
  options: { keyId: string; releaseMicros: number; chargeMicros: number; nowMs: number },
) {
  await accountsOf(db)
    .updateTable('billing_key_quotas')
    .set({
      reserved_micros: sql`reserved_micros - ${options.releaseMicros}`,
      used_micros: sql`used_micros + ${options.chargeMicros}`,
      updated_at_ms: options.nowMs,
    })
    .where('key_id', '=', options.keyId)
    .execute();
}
