import type { AuditActor, AuditLog } from '../../identity/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { AppError } from '../../kernel/errors.js';
import {
  adjustAccountBalance,
  ensureAccount,
  findAccount,
  findKeyQuota,
  setAccountUnlimited,
  setKeyQuotaLimit,
} from './billing-account-store.js';

export interface Balance {
  balance_micros: number;
  reserved_micros: number;
  used_micros: number;
  limited: boolean;
}

const toBalance = (
  row:
    | { balance_micros: number; reserved_micros: number; used_micros: number; is_limited: number }
    | undefined,
  requireBalance: boolean,
): Balance => ({
  balance_micros: Number(row?.balance_micros ?? 0),
  reserved_micros: Number(row?.reserved_micros ?? 0),
  used_micros: Number(row?.used_micros ?? 0),
  limited: row ? Number(row.is_limited) === 1 : requireBalance,
});

const balanceNegative = (balanceMicros: number, deltaMicros: number) =>
  new AppError({
    code: 'balance_negative',
    status: 400,
    message: `A change of ${deltaMicros} would take the balance of ${balanceMicros} below zero`,
    details: { balance_micros: balanceMicros, delta_micros: deltaMicros },
  });

/** Balances of users and limits of keys: read by users, changed by admins (always audited). */
export function createBalanceService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  /** See QuotaServiceDeps.requireBalance: what a user without an account row is. */
  requireBalance?: boolean;
}) {
  const { database, clock, audit } = deps;
  const requireBalance = deps.requireBalance ?? false;

  async function getBalance(userId: string): Promise<Balance> {
    return toBalance(await findAccount(database.db, userId), requireBalance);
  }

  async function adjust(options: {
    userId: string;
    deltaMicros: number;
    actor: AuditActor;
    note?: string;
  }): Promise<Balance> {
    const nowMs = clock.nowMs();
    const balance = await database.writeTransaction(async (trx) => {
      await ensureAccount(trx, options.userId, nowMs, { isLimited: true });
      const account = await findAccount(trx, options.userId, { dialect: database.dialect, forUpdate: true });
      const current = Number(account?.balance_micros ?? 0);
      if (current + options.deltaMicros < 0) throw balanceNegative(current, options.deltaMicros);
      const updated = await adjustAccountBalance(trx, {
        userId: options.userId,
        deltaMicros: options.deltaMicros,
        nowMs,
      });
      await audit.record(
        {
          actor: options.actor,
          action: options.deltaMicros >= 0 ? 'billing.top_up' : 'billing.deduct',
          target: { type: 'user', id: options.userId },
          outcome: 'success',
          details: {
            delta_micros: options.deltaMicros,
            balance_micros: Number(updated.balance_micros),
            note: options.note,
          },
        },
        trx,
      );
      return updated;
    });
    return toBalance(balance, requireBalance);
  }

  async function setBalance(options: {
    userId: string;
    balanceMicros: number;
    limited?: boolean;
    actor: AuditActor;
    note?: string;
  }): Promise<Balance> {
    const current = await getBalance(options.userId);
    const balance = await adjust({
      userId: options.userId,
      deltaMicros: options.balanceMicros - current.balance_micros,
      actor: options.actor,
      note: options.note,
    });
    if (options.limited !== false) return balance;
    const row = await setAccountUnlimited(database.db, { userId: options.userId, nowMs: clock.nowMs() });
    await audit.record({
      actor: options.actor,
      action: 'billing.unlimited',
      target: { type: 'user', id: options.userId },
      outcome: 'success',
      details: { balance_micros: Number(row.balance_micros) },
    });
    return toBalance(row, requireBalance);
  }

  async function setKeyQuota(options: {
    keyId: string;
    quotaMicros: number | null;
    actor: AuditActor;
  }): Promise<void> {
    await setKeyQuotaLimit(database.db, {
      keyId: options.keyId,
      quotaMicros: options.quotaMicros,
      nowMs: clock.nowMs(),
    });
    await audit.record({
      actor: options.actor,
      action: 'billing.key_quota',
      target: { type: 'api_key', id: options.keyId },
      outcome: 'success',
      details: { quota_micros: options.quotaMicros },
    });
  }

  async function getKeyQuota(keyId: string) {
    const row = await findKeyQuota(database.db, keyId);
    return {
      quota_micros:
        row?.quota_micros === null || row?.quota_micros === undefined ? null : Number(row.quota_micros),
      used_micros: Number(row?.used_micros ?? 0),
      reserved_micros: Number(row?.reserved_micros ?? 0),
    };
  }

  return { getBalance, adjust, setBalance, setKeyQuota, getKeyQuota };
}

export type BalanceService = ReturnType<typeof createBalanceService>;
