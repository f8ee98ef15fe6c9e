import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../kernel/db/test-database.js';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';

describeEachDialect('admin user routes', (dialect) => {
  let platform: TestPlatform;
  let admin: { authorization: string; userId: string };
  beforeEach(async () => {
    platform = await createTestPlatform({ dialect });
    admin = await platform.login('root');
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const patchUser = (id: string, payload: object, authorization = admin.authorization) =>
    platform.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${id}`,
      headers: { authorization },
      payload,
    });
  const listUsers = (query: string, authorization = admin.authorization) =>
    platform.app.inject({ method: 'GET', url: `/api/admin/users?${query}`, headers: { authorization } });

  it("stops a disabled user's live access token at once and records who did it", async () => {
    const alice = await platform.login('alice');
    const before = await platform.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: alice.authorization },
    });
    expect(before.statusCode).toBe(200);
    expect((await patchUser(alice.userId, { is_disabled: true })).json()).toMatchObject({
      is_disabled: true,
    });
    const after = await platform.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: alice.authorization },
    });
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('user_disabled');
    const login = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password: 'correct-horse-battery' },
    });
    expect(login.json().error.code).toBe('user_disabled');
    const audit = await platform.identity.audit.list({ action: 'user.update', page: 1, pageSize: 5 });
    expect(audit.items[0]).toMatchObject({
      actor_id: admin.userId,
      target_id: alice.userId,
      outcome: 'success',
    });
  });

  it('forbids ordinary users from the admin API', async () => {
    const alice = await platform.login('alice');
    const response = await listUsers('', alice.authorization);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('refuses to let an admin disable or demote themself', async () => {
    expect((await patchUser(admin.userId, { is_disabled: true })).statusCode).toBe(403);
    expect((await patchUser(admin.userId, { role: 'user' })).statusCode).toBe(403);
  });

  it('keeps one enabled admin when two admins disable each other at the same time', async () => {
    const bob = await platform.login('bob');
    await patchUser(bob.userId, { role: 'admin' });
    const bobAdmin = await platform.login('bob');
    const [rootDisablesBob, bobDisablesRoot] = await Promise.all([
      patchUser(bob.userId, { is_disabled: true }),
      patchUser(admin.userId, { is_disabled: true }, bobAdmin.authorization),
    ]);
    const statuses = [rootDisablesBob.statusCode, bobDisablesRoot.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await platform.identity.users.list({
      role: 'admin',
      disabled: false,
      page: 1,
      page_size: 10,
    });
    expect(admins.total).toBe(1);
  });

  it('answers 409 last_admin when a change would leave no enabled admin', async () => {
    const outcome = await platform.identity.users
      .patchUser({
        actor: { id: null, username: 'cli', ip: null },
        userId: admin.userId,
        patch: { is_disabled: true },
      })
      .catch((error: { code: string; status: number }) => error);
    expect(outcome).toMatchObject({ code: 'last_admin', status: 409 });
    const demote = await platform.identity.users
      .patchUser({
        actor: { id: null, username: 'cli', ip: null },
        userId: admin.userId,
        patch: { role: 'user' },
      })
      .catch((error: { code: string; status: number }) => error);
    expect(demote).toMatchObject({ code: 'last_admin', status: 409 });
  });

  it('resets a password: the old one fails, the new one works, sessions are revoked', async () => {
    const alice = (
      await platform.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { username: 'alice', password: 'first-password-1' },
      })
    ).json();
    const reset = await platform.app.inject({
      method: 'POST',
      url: `/api/admin/users/${alice.user.id}/reset_password`,
      headers: { authorization: admin.authorization },
      payload: { new_password: 'second-password-2' },
    });
    expect(reset.statusCode).toBe(204);
    const oldLogin = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password: 'first-password-1' },
    });
    expect(oldLogin.statusCode).toBe(401);
    const refresh = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refresh_token: alice.refresh_token },
    });
    expect(refresh.statusCode).toBe(401);
  });

  it('pages users with a total and normalises out-of-range page and page_size', async () => {
    for (const name of ['u01', 'u02', 'u03', 'u04', 'u05']) await platform.login(name);
    const page = (await listUsers('page=2&page_size=2')).json();
    expect(page).toMatchObject({ total: 6, page: 2, page_size: 2 });
    expect(page.items.map((item: { username: string }) => item.username)).toEqual(['u02', 'u03']);
    expect((await listUsers('page=0&page_size=1000')).json()).toMatchObject({ page: 1, page_size: 100 });
    expect((await listUsers('page=-5&page_size=0')).json()).toMatchObject({ page: 1, page_size: 1 });
    expect((await listUsers('page=99')).json()).toMatchObject({ items: [], total: 6 });
    const garbage = await listUsers('page=abc');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('invalid_request');
  });

  it('filters by role, disabled flag and search text', async () => {
    const alice = await platform.login('alice');
    await platform.login('alfred');
    await patchUser(alice.userId, { is_disabled: true });
    expect((await listUsers('q=AL')).json().total).toBe(2);
    expect(
      (await listUsers('disabled=true')).json().items.map((user: { username: string }) => user.username),
    ).toEqual(['alice']);
    expect((await listUsers('role=admin')).json().total).toBe(1);
  });

  it('treats SQL-ish and wildcard search text as literal text', async () => {
    await platform.login('alice');
    for (const q of ["' OR 1=1 --", '%', '_', "alice'; DROP TABLE users; --", '\\']) {
      const response = await listUsers(`q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().total).toBe(0);
    }
    expect((await listUsers('')).json().total).toBe(2);
  });

  it('answers 404 for an unknown user and 400 for an empty patch', async () => {
    expect((await patchUser('usr_nope', { is_disabled: true })).statusCode).toBe(404);
    const empty = await patchUser(admin.userId, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('invalid_request');
    const wrongType = await patchUser(admin.userId, { is_disabled: 'yes' });
    expect(wrongType.json().error.details.fields).toHaveProperty('is_disabled');
  });

  it('lists audit events newest first with filters and pagination', async () => {
    await platform.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root', password: 'bad-password' },
    });
    const response = await platform.app.inject({
      method: 'GET',
      url: '/api/admin/audit?action=auth.login&outcome=failure&page_size=1',
      headers: { authorization: admin.authorization },
    });
    expect(response.statusCode, response.body).toBe(200);
    // Two failures: the test helper's first login attempt for root (before signup) and this one.
    expect(response.json()).toMatchObject({
      total: 2,
      page: 1,
      page_size: 1,
      items: [{ action: 'auth.login', outcome: 'failure', details: { reason: 'invalid_credentials' } }],
    });
  });
});
