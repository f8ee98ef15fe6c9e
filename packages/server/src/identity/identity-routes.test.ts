import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../kernel/db/test-database.js';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';

describeEachDialect('auth routes', (dialect) => {
  let platform: TestPlatform;
  beforeEach(async () => {
    platform = await createTestPlatform({ dialect });
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    platform.app.inject({ method: 'POST', url, payload: payload as object, headers });

  it('makes the first signup an admin and later signups users', async () => {
    const first = await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 900,
      user: { username: 'root', role: 'admin', is_disabled: false },
    });
    const second = await post('/api/auth/signup', {
      username: 'alice',
      password: 'correct-horse-battery',
      email: 'a@example.com',
    });
    expect(second.json().user.role).toBe('user');
  });

  it('never returns the password hash', async () => {
    const response = await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' });
    expect(response.body).not.toMatch(/argon2|password/);
  });

  it('rejects a taken username case-insensitively with 409 username_taken', async () => {
    await post('/api/auth/signup', { username: 'Alice', password: 'correct-horse-battery' });
    const again = await post('/api/auth/signup', { username: 'alice', password: 'correct-horse-battery' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('username_taken');
  });

  it('rejects a wrong password with 401 unauthorized and audits the failure', async () => {
    await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' });
    const response = await post('/api/auth/login', { username: 'root', password: 'wrong-password' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'unauthorized', message: 'Invalid username or password' },
    });
    const audit = await platform.identity.audit.list({ action: 'auth.login', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({ outcome: 'failure', actor_username: 'root', ip: '127.0.0.1' });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const response = await post('/api/auth/login', { username: 'nobody', password: 'whatever-password' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('Invalid username or password');
  });

  it('returns me for a valid token and 401 without one', async () => {
    const { authorization } = await platform.login('root');
    const me = await platform.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } });
    expect(me.json()).toMatchObject({ username: 'root', role: 'admin', is_disabled: false });
    const anonymous = await platform.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
    const forged = await platform.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer a.b.c' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('rotates refresh tokens and revokes the whole family when a rotated token is reused', async () => {
    const signup = (
      await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' })
    ).json();
    const rotated = await post('/api/auth/refresh', { refresh_token: signup.refresh_token });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().refresh_token;
    expect(fresh).not.toBe(signup.refresh_token);

    const reuse = await post('/api/auth/refresh', { refresh_token: signup.refresh_token });
    expect(reuse.statusCode).toBe(401);
    // The legitimate holder of the newest token is logged out too: the family is burnt.
    const afterReuse = await post('/api/auth/refresh', { refresh_token: fresh });
    expect(afterReuse.statusCode).toBe(401);
    const audit = await platform.identity.audit.list({ action: 'auth.refresh_reuse', page: 1, pageSize: 10 });
    expect(audit.total).toBe(1);
  });

  it('keeps other login families alive when one family is revoked', async () => {
    await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' });
    const first = (
      await post('/api/auth/login', { username: 'root', password: 'correct-horse-battery' })
    ).json();
    const second = (
      await post('/api/auth/login', { username: 'root', password: 'correct-horse-battery' })
    ).json();
    await post('/api/auth/refresh', { refresh_token: first.refresh_token });
    await post('/api/auth/refresh', { refresh_token: first.refresh_token });
    expect((await post('/api/auth/refresh', { refresh_token: second.refresh_token })).statusCode).toBe(200);
  });

  it('logout revokes the refresh token', async () => {
    const session = (
      await post('/api/auth/signup', { username: 'root', password: 'correct-horse-battery' })
    ).json();
    const logout = await post(
      '/api/auth/logout',
      { refresh_token: session.refresh_token },
      { authorization: `Bearer ${session.access_token}` },
    );
    expect(logout.statusCode).toBe(204);
    expect((await post('/api/auth/refresh', { refresh_token: session.refresh_token })).statusCode).toBe(401);
  });

  it('changes the password only with the current one, and the old one stops working', async () => {
    const { authorization } = await platform.login('root');
    const wrong = await platform.app.inject({
      method: 'PUT',
      url: '/api/auth/password',
      headers: { authorization },
      payload: { current_password: 'nope-nope-nope', new_password: 'another-long-password' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await platform.app.inject({
      method: 'PUT',
      url: '/api/auth/password',
      headers: { authorization },
      payload: { current_password: 'correct-horse-battery', new_password: 'another-long-password' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await post('/api/auth/login', { username: 'root', password: 'correct-horse-battery' })).statusCode,
    ).toBe(401);
    expect(
      (await post('/api/auth/login', { username: 'root', password: 'another-long-password' })).statusCode,
    ).toBe(200);
  });
});
