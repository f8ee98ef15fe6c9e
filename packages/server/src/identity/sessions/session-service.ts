import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { SecretBox } from '../../kernel/secrets/secret-box.js';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import {
  invalidCredentials,
  invalidToken,
  signupClosed,
  userDisabled,
  wrongCurrentPassword,
} from '../identity-errors.js';
import type { Login, SessionTokens, Signup } from '../identity-schemas.js';
import type { AuthRateLimiter } from '../rate-limit/auth-rate-limiter.js';
import { presentUser } from '../users/user-presenter.js';
import type { UserService } from '../users/user-service.js';
import { findUserById, findUserByUsername, type UserRow, updateUser } from '../users/user-store.js';
import type { AccessTokenSigner } from './access-token.js';
import { getDummyPasswordHash, hashPassword, verifyPassword } from './password-hasher.js';
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  markRefreshTokenUsed,
  revokeRefreshFamily,
  revokeUserRefreshTokens,
} from './refresh-token-store.js';

export interface SessionServiceDeps {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  audit: AuditLog;
  users: UserService;
  accessTokens: AccessTokenSigner;
  rateLimiter: AuthRateLimiter;
  refreshTokenTtlSeconds: number;
  isOpenSignup: boolean;
}

/** Who is calling, as established from a valid access token and a fresh read of the user row. */
export interface Principal {
  userId: string;
  username: string;
  role: 'admin' | 'user';
}

export function createSessionService(deps: SessionServiceDeps) {
  const { database, clock, secretBox, audit } = deps;

  async function issueTokens(user: UserRow, familyId: string, db = database.db): Promise<SessionTokens> {
    const nowMs = clock.nowMs();
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    await insertRefreshToken(db, {
      id: newId('rtk', nowMs),
      family_id: familyId,
      user_id: user.id,
      token_hash: secretBox.hashToken(refreshToken),
      issued_at_ms: nowMs,
      expires_at_ms: nowMs + deps.refreshTokenTtlSeconds * 1000,
      used_at_ms: null,
      revoked_at_ms: null,
    });
    return {
      access_token: await deps.accessTokens.sign({ userId: user.id, role: user.role }, nowMs),
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: deps.accessTokens.ttlSeconds,
      user: presentUser(user),
    };
  }

  async function signup(input: Signup, ip: string): Promise<SessionTokens> {
    deps.rateLimiter.checkAttempt(ip);
    if (!deps.isOpenSignup) throw signupClosed();
    const user = await deps.users.createUser({ ...input, role: 'first_admin' });
    await audit.record({
      actor: { id: user.id, username: user.username, ip },
      action: 'auth.signup',
      target: { type: 'user', id: user.id },
      outcome: 'success',
      details: { role: user.role },
    });
    return issueTokens(user, newId('rtf', clock.nowMs()));
  }

  async function login(input: Login, ip: string): Promise<SessionTokens> {
    deps.rateLimiter.checkAttempt(ip, input.username);
    const user = await findUserByUsername(database.db, input.username);
    const isValid = await verifyPassword(
      user?.password_hash ?? (await getDummyPasswordHash()),
      input.password,
    );
    const actor: AuditActor = { id: user?.id ?? null, username: input.username.slice(0, 64), ip };
    if (!user || !isValid) {
      deps.rateLimiter.recordLoginFailure(input.username);
      await audit.record({
        actor,
        action: 'auth.login',
        outcome: 'failure',
        details: { reason: 'invalid_credentials' },
      });
      throw invalidCredentials();
    }
    if (user.is_disabled) {
      await audit.record({
        actor,
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: 'user_disabled' },
      });
      throw userDisabled();
    }
    const nowMs = clock.nowMs();
    await updateUser(database.db, user.id, { last_login_at_ms: nowMs });
    await audit.record({
      actor,
      action: 'auth.login',
      target: { type: 'user', id: user.id },
      outcome: 'success',
    });
    return issueTokens({ ...user, last_login_at_ms: nowMs }, newId('rtf', nowMs));
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it leaked (or a client
   * raced itself): the whole family is revoked, so the thief's copy dies with the owner's.
   */
  async function refresh(refreshToken: string, ip: string): Promise<SessionTokens> {
    const nowMs = clock.nowMs();
    const stored = await findRefreshTokenByHash(database.db, secretBox.hashToken(refreshToken));
    if (!stored || stored.revoked_at_ms !== null) throw invalidToken('Invalid refresh token');
    if (stored.used_at_ms !== null) {
      await revokeRefreshFamily(database.db, stored.family_id, nowMs);
      await audit.record({
        actor: { id: stored.user_id, username: null, ip },
        action: 'auth.refresh_reuse',
        target: { type: 'user', id: stored.user_id },
        outcome: 'denied',
        details: { family_id: stored.family_id },
      });
      throw invalidToken('Refresh token was already used; all sessions of this login were revoked');
    }
    if (stored.expires_at_ms <= nowMs) throw invalidToken('Refresh token has expired');
    return database.writeTransaction(async (trx) => {
      if (!(await markRefreshTokenUsed(trx, stored.id, nowMs))) throw invalidToken('Invalid refresh token');
      const user = await findUserById(trx, stored.user_id);
      if (!user) throw invalidToken('Invalid refresh token');
      if (user.is_disabled) throw userDisabled();
      return issueTokens(user, stored.family_id, trx);
    });
  }

  async function logout(options: { principal: Principal; refreshToken?: string; ip: string }): Promise<void> {
    const nowMs = clock.nowMs();
    if (options.refreshToken) {
      const stored = await findRefreshTokenByHash(database.db, secretBox.hashToken(options.refreshToken));
      if (stored && stored.user_id === options.principal.userId)
        await revokeRefreshFamily(database.db, stored.family_id, nowMs);
    }
    await audit.record({
      actor: { id: options.principal.userId, username: options.principal.username, ip: options.ip },
      action: 'auth.logout',
      outcome: 'success',
    });
  }

  async function changePassword(options: {
    principal: Principal;
    currentPassword: string;
    newPassword: string;
    ip: string;
  }) {
    const user = await findUserById(database.db, options.principal.userId);
    if (!user || !(await verifyPassword(user.password_hash, options.currentPassword)))
      throw wrongCurrentPassword();
    const passwordHash = await hashPassword(options.newPassword);
    const nowMs = clock.nowMs();
    await database.writeTransaction(async (trx) => {
      await updateUser(trx, user.id, { password_hash: passwordHash, updated_at_ms: nowMs });
      await revokeUserRefreshTokens(trx, user.id, nowMs);
    });
    await audit.record({
      actor: { id: user.id, username: user.username, ip: options.ip },
      action: 'auth.password_change',
      target: { type: 'user', id: user.id },
      outcome: 'success',
    });
  }

  /** Verifies an access token and re-reads the user, so disabling or demoting takes effect at once. */
  async function authenticate(accessToken: string): Promise<Principal> {
    const claims = await deps.accessTokens.verify(accessToken, clock.nowMs());
    if (!claims) throw invalidToken();
    const user = await findUserById(database.db, claims.userId);
    if (!user) throw invalidToken();
    if (user.is_disabled) throw userDisabled();
    return { userId: user.id, username: user.username, role: user.role };
  }

  return { signup, login, refresh, logout, changePassword, authenticate };
}

export type SessionService = ReturnType<typeof createSessionService>;
