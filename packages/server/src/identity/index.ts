import type { FastifyInstance } from 'fastify';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/database.js';
import type { SecretBox } from '../kernel/secrets/secret-box.js';
import { registerAdminUserRoutes } from './admin-users-routes.js';
import { type AuditLog, createAuditLog } from './audit/audit-log.js';
import { type AuthGuards, createAuthGuards } from './auth-guard.js';
import { registerAuthRoutes } from './identity-routes.js';
import { createAuthRateLimiter } from './rate-limit/auth-rate-limiter.js';
import { createAccessTokenSigner } from './sessions/access-token.js';
import { createSessionService, type SessionService } from './sessions/session-service.js';
import { createUserService, type UserService } from './users/user-service.js';

export type { AuditActor, AuditEntry, AuditLog } from './audit/audit-log.js';
export type { AuthGuards } from './auth-guard.js';
export { auditActorOf, principalOf } from './auth-guard.js';
export { identityMigrations } from './identity-migrations.js';
export type { PublicUser, UserRole } from './identity-schemas.js';
export { paginationQuerySchema } from './identity-schemas.js';
export type { Principal, SessionService } from './sessions/session-service.js';
export type { UserService } from './users/user-service.js';

export interface IdentitySettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  openSignup: boolean;
  authRateLimitPerIpPerMinute: number;
  loginFailuresPerUserPerMinute: number;
}

export interface Identity {
  users: UserService;
  sessions: SessionService;
  audit: AuditLog;
  guards: AuthGuards;
  registerRoutes(app: FastifyInstance): void;
}

/** Users, sessions, the audit log and the auth guards every other module puts in front of its routes. */
export function createIdentity(deps: {
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  settings: IdentitySettings;
}): Identity {
  const { database, clock, secretBox, settings } = deps;
  const audit = createAuditLog({ db: database.db, clock });
  const users = createUserService({ database, clock, audit });
  const sessions = createSessionService({
    database,
    clock,
    secretBox,
    audit,
    users,
    accessTokens: createAccessTokenSigner({
      key: secretBox.deriveKey('jwt-access'),
      ttlSeconds: settings.accessTokenTtlSeconds,
    }),
    rateLimiter: createAuthRateLimiter({
      perIpPerMinute: settings.authRateLimitPerIpPerMinute,
      failuresPerUserPerMinute: settings.loginFailuresPerUserPerMinute,
      clock,
    }),
    refreshTokenTtlSeconds: settings.refreshTokenTtlSeconds,
    isOpenSignup: settings.openSignup,
  });
  const guards = createAuthGuards(sessions);
  return {
    users,
    sessions,
    audit,
    guards,
    registerRoutes(app) {
      registerAuthRoutes(app, { sessions, users, guards });
      registerAdminUserRoutes(app, { users, audit, guards });
    },
  };
}
