import { toIso } from '../../kernel/clock.js';
import type { PublicUser } from '../identity-schemas.js';
import type { UserRow } from './user-store.js';

/** The only shape of a user that leaves the server: never the password hash. */
export function presentUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    is_disabled: Boolean(row.is_disabled),
    created_at: toIso(row.created_at_ms) ?? '',
    last_login_at: toIso(row.last_login_at_ms),
  };
}
