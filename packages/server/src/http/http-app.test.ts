import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';

describe('http app', () => {
  let platform: TestPlatform;
  beforeEach(async () => {
    platform = await createTestPlatform({
      env: { SWITCHYARD_BODY_LIMIT_BYTES: '2048', SWITCHYARD_AUTH_RATE_LIMIT_PER_IP_PER_MIN: '5' },
    });
  });
  afterEach(async () => {
    await platform.dispose();
  });

  it('reports liveness and readiness', async () => {
    expect((await platform.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await platform.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 on /readyz when the database is gone', async () => {
    await platform.database.close();
    const response = await platform.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
  });

  it('serves an OpenAPI document that lists the auth and admin routes with their bodies', async () => {
    const document = (await platform.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/admin/users/{id}']),
    );
    const loginBody = document.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(loginBody.required).toEqual(['username', 'password']);
    expect((await platform.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('exposes a Prometheus request histogram', async () => {
    await platform.app.inject({ method: 'GET', url: '/healthz' });
    const metrics = await platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /switchyard_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/,
    );
  });

  it('answers unknown routes with 404 not_found in the one error shape', async () => {
    const response = await platform.app.inject({ method: 'DELETE', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for DELETE /api/nothing-here' },
    });
  });

  it('rejects malformed JSON with 400 invalid_request and no stack trace', async () => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "root", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'invalid_request', message: 'Request body is not valid JSON' },
    });
    expect(response.body).not.toMatch(/at .*\.ts|node_modules/);
  });

  it('rejects an oversized body with 413 payload_too_large', async () => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { username: 'big', password: 'x'.repeat(4096) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('names every missing field', async () => {
    const response = await platform.app.inject({ method: 'POST', url: '/api/auth/signup', payload: {} });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.details.fields).sort()).toEqual(['password', 'username']);
  });

  it('rejects a non-JSON content type with 415', async () => {
    const response = await platform.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('rate-limits login attempts per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `u${attempt}`, password: 'wrong-password' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) retryAfter = String(response.headers['retry-after']);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('rate-limits failed logins per username even from many IPs', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.0.0.${attempt + 1}`,
        payload: { username: 'victim', password: 'wrong-password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('refuses signup when open registration is off', async () => {
    const closed = await createTestPlatform({ env: { SWITCHYARD_OPEN_SIGNUP: 'false' } });
    try {
      const response = await closed.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { username: 'eve', password: 'long-enough-pw' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('signup_disabled');
    } finally {
      await closed.dispose();
    }
  });

  it('creates the admin from SWITCHYARD_ADMIN_USERNAME/PASSWORD at start', async () => {
    const seeded = await createTestPlatform({
      env: { SWITCHYARD_ADMIN_USERNAME: 'boss', SWITCHYARD_ADMIN_PASSWORD: 'boss-password-1' },
    });
    try {
      const login = await seeded.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'boss', password: 'boss-password-1' },
      });
      expect(login.json().user.role).toBe('admin');
      const signup = await seeded.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { username: 'next', password: 'long-enough-pw' },
      });
      expect(signup.json().user.role).toBe('user');
    } finally {
      await seeded.dispose();
    }
  });
});
