import type { ApiClient } from './api-client.js';

export type UserRole = 'admin' | 'user';

export interface PublicUser {
  id: string;
  username: string;
  email: string | null;
  role: UserRole;
  is_disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: PublicUser;
}

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  page_size: number;
}

export interface AuditEvent {
  id: string;
  created_at: string;
  actor_id: string | null;
  actor_username: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details: Record<string, unknown> | null;
}

export interface UserListQuery {
  q?: string;
  role?: UserRole;
  disabled?: boolean;
  page?: number;
  page_size?: number;
}

export interface AuditListQuery {
  action?: string;
  outcome?: AuditEvent['outcome'];
  page?: number;
  page_size?: number;
}

/** Typed calls for /api/auth and /api/admin (see packages/server/src/identity/*-routes.ts). */
export function createIdentityApi(client: ApiClient) {
  return {
    signup: (body: { username: string; password: string; email?: string }) =>
      client.request<SessionTokens>({ method: 'POST', path: '/api/auth/signup', body, authenticated: false }),
    login: (body: { username: string; password: string }) =>
      client.request<SessionTokens>({ method: 'POST', path: '/api/auth/login', body, authenticated: false }),
    logout: (refreshToken: string | null) =>
      client.request<void>({
        method: 'POST',
        path: '/api/auth/logout',
        body: refreshToken ? { refresh_token: refreshToken } : {},
      }),
    me: () => client.request<PublicUser>({ path: '/api/auth/me' }),
    changePassword: (body: { current_password: string; new_password: string }) =>
      client.request<void>({ method: 'PUT', path: '/api/auth/password', body }),
    listUsers: (query: UserListQuery) =>
      client.request<Page<PublicUser>>({ path: '/api/admin/users', query: { ...query } }),
    patchUser: (id: string, body: { is_disabled?: boolean; role?: UserRole }) =>
      client.request<PublicUser>({
        method: 'PATCH',
        path: `/api/admin/users/${encodeURIComponent(id)}`,
        body,
      }),
    resetPassword: (id: string, newPassword: string) =>
      client.request<void>({
        method: 'POST',
        path: `/api/admin/users/${encodeURIComponent(id)}/reset_password`,
        body: { new_password: newPassword },
      }),
    listAudit: (query: AuditListQuery) =>
      client.request<Page<AuditEvent>>({ path: '/api/admin/audit', query: { ...query } }),
  };
}

export type IdentityApi = ReturnType<typeof createIdentityApi>;
