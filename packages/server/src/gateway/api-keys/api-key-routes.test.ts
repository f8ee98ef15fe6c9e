import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createTestPlatform, type TestPlatform } from '../../platform/test-platform.js';

describeEachDialect('api key routes', (dialect) => {
  let platform: TestPlatform;
  let alice: { authorization: string; userId: string };
  beforeEach(async () => {
    platform = await createTestPlatform({ dialect });
    await platform.login('root');
    alice = await platform.login('alice');
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const request = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: { authorization: string } = alice,
  ) => platform.app.inject({ method, url, payload: payload as object, headers });

  it('shows the sk- secret once and stores only its hash', async () => {
    const created = await request('POST', '/api/keys', { name: 'laptop', models: ['gpt-4o-mini'], rpm: 10 });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.key).toMatch(/^sk-[A-Za-z0-9_-]{40,}$/);
    expect(body).toMatchObject({
      name: 'laptop',
      group: 'default',
      expires_at: null,
      models: ['gpt-4o-mini'],
      rpm: 10,
      tpm: null,
      enabled: true,
    });
    const listed = await request('GET', '/api/keys');
    expect(listed.body).not.toContain(body.key);
    expect(listed.json().items[0].key_hint).toBe(`${body.key.slice(0, 7)}…${body.key.slice(-4)}`);
    const rows = await platform.database.db.selectFrom('api_keys').select('key_hash').execute();
    expect(rows[0].key_hash).not.toContain(body.key.slice(3));
  });

  it('rejects an invalid CIDR with 400 naming the field', async () => {
    const response = await request('POST', '/api/keys', { name: 'x', allow_cidrs: ['10.0.0.0/99'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('allow_cidrs.0');
  });

  it('patches and deletes my own key', async () => {
    const { id } = (await request('POST', '/api/keys', { name: 'x' })).json();
    const patched = await request('PATCH', `/api/keys/${id}`, {
      enabled: false,
      expires_at: '2030-01-01T00:00:00Z',
      tpm: 1000,
    });
    expect(patched.json()).toMatchObject({
      enabled: false,
      expires_at: '2030-01-01T00:00:00.000Z',
      tpm: 1000,
    });
    expect((await request('DELETE', `/api/keys/${id}`)).statusCode).toBe(204);
    expect((await request('GET', '/api/keys')).json().items).toEqual([]);
  });

  it('does not let another user see, change or delete my key', async () => {
    const { id } = (await request('POST', '/api/keys', { name: 'x' })).json();
    const bob = await platform.login('bob');
    expect((await request('GET', '/api/keys', undefined, bob)).json().items).toEqual([]);
    expect((await request('PATCH', `/api/keys/${id}`, { name: 'mine' }, bob)).statusCode).toBe(404);
    expect((await request('DELETE', `/api/keys/${id}`, undefined, bob)).statusCode).toBe(404);
  });

  it('requires a logged-in user', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/keys' });
    expect(response.statusCode).toBe(401);
  });
});
