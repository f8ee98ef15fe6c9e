import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import { cannotChangeSelf, lastAdmin, userNotFound, usernameTaken } from '../identity-errors.js';
import type { PublicUser, UserListQuery, UserPatch, UserRole } from '../identity-schemas.js';
import { hashPassword } from '../sessions/password-hasher.js';
import { revokeUserRefreshTokens } from '../sessions/refresh-token-store.js';
import { lockAdminChanges } from './admin-lock.js';
import { presentUser } from './user-presenter.js';
import {
  countEnabledAdmins,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  type UserRow,
  updateUser,
  usernameKey,
} from './user-store.js';

export interface UserServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
}

export interface NewUser {
  username: string;
  password: string;
  email?: string | null;
  /** 'first_admin' makes the user an admin when no admin exists yet (open signup's bootstrap). */
  role: UserRole | 'first_admin';
}

export function createUserService(deps: UserServiceDeps) {
  const { database, clock, audit } = deps;

  async function createUser(input: NewUser): Promise<UserRow> {
    const passwordHash = await hashPassword(input.password);
    return database.writeTransaction(async (trx) => {
      await lockAdminChanges(trx, database.dialect);
      if (await findUserByUsername(trx, input.username)) throw usernameTaken(input.username);
      let role: UserRole = input.role === 'first_admin' ? 'user' : input.role;
      if (input.role === 'first_admin') {
        const anyAdmin = await trx
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .executeTakeFirst();
        if (!anyAdmin) role = 'admin';
      }
      const nowMs = clock.nowMs();
      const row: UserRow = {
        id: newId('usr', nowMs),
        username: input.username.trim(),
        username_key: usernameKey(input.username),
        email: input.email ?? null,
        password_hash: passwordHash,
        role,
        is_disabled: 0,
        created_at_ms: nowMs,
        updated_at_ms: nowMs,
        last_login_at_ms: null,
      };
      await insertUser(trx, row);
      return row;
    });
  }

  async function patchUser(options: {
    actor: AuditActor;
    userId: string;
    patch: UserPatch;
  }): Promise<PublicUser> {
    const { actor, userId, patch } = options;
    const updated = await database.writeTransaction(async (trx) => {
      await lockAdminChanges(trx, database.dialect);
      const user = await findUserById(trx, userId);
      if (!user) throw userNotFound(userId);
      if (actor.id === userId && patch.is_disabled === true) throw cannotChangeSelf('disable');
      if (actor.id === userId && patch.role === 'user' && user.role === 'admin')
        throw cannotChangeSelf('demote');
      const nextRole = patch.role ?? user.role;
      const nextDisabled = patch.is_disabled === undefined ? user.is_disabled : patch.is_disabled ? 1 : 0;
      const losesEnabledAdmin =
        user.role === 'admin' && !user.is_disabled && (nextRole !== 'admin' || nextDisabled === 1);
      if (losesEnabledAdmin && (await countEnabledAdmins(trx)) <= 1) throw lastAdmin();
      const nowMs = clock.nowMs();
      await updateUser(trx, userId, { role: nextRole, is_disabled: nextDisabled, updated_at_ms: nowMs });
      if (nextDisabled) await revokeUserRefreshTokens(trx, userId, nowMs);
      await audit.record(
        {
          actor,
          action: 'user.update',
          target: { type: 'user', id: userId },
          outcome: 'success',
          details: { before: { role: user.role, is_disabled: Boolean(user.is_disabled) }, after: patch },
        },
        trx,
      );
      return { ...user, role: nextRole, is_disabled: nextDisabled, updated_at_ms: nowMs };
    });
    return presentUser(updated);
  }

  async function resetPassword(options: {
    actor: AuditActor;
    userId: string;
    newPassword: string;
  }): Promise<void> {
    const passwordHash = await hashPassword(options.newPassword);
    await database.writeTransaction(async (trx) => {
      const user = await findUserById(trx, options.userId);
      if (!user) throw userNotFound(options.userId);
      const nowMs = clock.nowMs();
      await updateUser(trx, options.userId, { password_hash: passwordHash, updated_at_ms: nowMs });
      await revokeUserRefreshTokens(trx, options.userId, nowMs);
      await audit.record(
        {
          actor: options.actor,
          action: 'user.reset_password',
          target: { type: 'user', id: options.userId },
          outcome: 'success',
        },
        trx,
      );
    });
  }

  async function list(query: UserListQuery) {
    const { items, total } = await listUsers(database.db, {
      q: query.q,
      role: query.role,
      disabled: query.disabled,
      page: query.page,
      pageSize: query.page_size,
    });
    return { items: items.map(presentUser), total, page: query.page, page_size: query.page_size };
  }

  /** Creates the admin from SWITCHYARD_ADMIN_USERNAME/PASSWORD when the database has no admin. */
  async function bootstrapAdmin(credentials: {
    username?: string;
    password?: string;
  }): Promise<UserRow | undefined> {
    if (!credentials.username || !credentials.password) return undefined;
    const anyAdmin = await database.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .executeTakeFirst();
    if (anyAdmin) return undefined;
    const existing = await findUserByUsername(database.db, credentials.username);
    if (existing) {
      await updateUser(database.db, existing.id, {
        role: 'admin',
        is_disabled: 0,
        updated_at_ms: clock.nowMs(),
      });
      return { ...existing, role: 'admin', is_disabled: 0 };
    }
    const created = await createUser({
      username: credentials.username,
      password: credentials.password,
      role: 'admin',
    });
    await audit.record({
      actor: { id: null, username: 'system', ip: null },
      action: 'user.bootstrap_admin',
      target: { type: 'user', id: created.id },
      outcome: 'success',
    });
    return created;
  }

  return {
    createUser,
    patchUser,
    resetPassword,
    list,
    bootstrapAdmin,
    findById: (id: string) => findUserById(database.db, id),
  };
}

export type UserService = ReturnType<typeof createUserService>;
