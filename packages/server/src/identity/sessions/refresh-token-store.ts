import type { Kysely } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  issued_at_ms: number;
  expires_at_ms: number;
  used_at_ms: number | null;
  revoked_at_ms: number | null;
}

interface RefreshTokenTables {
  refresh_tokens: RefreshTokenRow;
}

const tokensOf = (db: AnyKysely) => db as Kysely<RefreshTokenTables>;

export async function insertRefreshToken(db: AnyKysely, row: RefreshTokenRow): Promise<void> {
  await tokensOf(db).insertInto('refresh_tokens').values(row).execute();
}

export async function findRefreshTokenByHash(
  db: AnyKysely,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  return tokensOf(db)
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a token used only if nobody used it first; false means a concurrent or repeated use. */
export async function markRefreshTokenUsed(db: AnyKysely, id: string, nowMs: number): Promise<boolean> {
  const result = await tokensOf(db)
    .updateTable('refresh_tokens')
    .set({ used_at_ms: nowMs })
    .where('id', '=', id)
    .where('used_at_ms', 'is', null)
    .where('revoked_at_ms', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeRefreshFamily(db: AnyKysely, familyId: string, nowMs: number): Promise<void> {
  await tokensOf(db)
    .updateTable('refresh_tokens')
    .set({ revoked_at_ms: nowMs })
    .where('family_id', '=', familyId)
    .where('revoked_at_ms', 'is', null)
    .execute();
}

export async function revokeUserRefreshTokens(db: AnyKysely, userId: string, nowMs: number): Promise<void> {
  await tokensOf(db)
    .updateTable('refresh_tokens')
    .set({ revoked_at_ms: nowMs })
    .where('user_id', '=', userId)
    .where('revoked_at_ms', 'is', null)
    .execute();
}
