import { type Kysely, sql } from 'kysely';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { UserRole } from '../identity-schemas.js';

export interface UserRow {
  id: string;
  username: string;
  username_key: string;
  email: string | null;
  password_hash: string;
  role: UserRole;
  is_disabled: number;
  created_at_ms: number;
  updated_at_ms: number;
  last_login_at_ms: number | null;
}

export interface IdentityTables {
  users: UserRow;
}

const usersOf = (db: AnyKysely) => db as Kysely<IdentityTables>;

export const usernameKey = (username: string) => username.trim().toLowerCase();

export async function insertUser(db: AnyKysely, row: UserRow): Promise<void> {
  await usersOf(db).insertInto('users').values(row).execute();
}

export async function findUserById(db: AnyKysely, id: string): Promise<UserRow | undefined> {
  return usersOf(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: AnyKysely, username: string): Promise<UserRow | undefined> {
  return usersOf(db)
    .selectFrom('users')
    .selectAll()
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
}

export async function countEnabledAdmins(db: AnyKysely): Promise<number> {
  const row = await usersOf(db)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('is_disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateUser(
  db: AnyKysely,
  id: string,
  changes: Partial<
    Pick<UserRow, 'role' | 'is_disabled' | 'password_hash' | 'updated_at_ms' | 'last_login_at_ms'>
  >,
): Promise<void> {
  await usersOf(db).updateTable('users').set(changes).where('id', '=', id).execute();
}

// LIKE wildcards in user input are escaped so a search for "50%" means the literal text.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

export async function listUsers(
  db: AnyKysely,
  filter: { q?: string; role?: UserRole; disabled?: boolean; page: number; pageSize: number },
): Promise<{ items: UserRow[]; total: number }> {
  let query = usersOf(db).selectFrom('users');
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where(
      sql<boolean>`(username_key like ${pattern} escape '\\' or lower(coalesce(email, '')) like ${pattern} escape '\\')`,
    );
  }
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.disabled !== undefined) query = query.where('is_disabled', '=', filter.disabled ? 1 : 0);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const items = await query
    .selectAll()
    .orderBy('created_at_ms', 'asc')
    .orderBy('id', 'asc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { items, total: Number(totalRow.count) };
}
