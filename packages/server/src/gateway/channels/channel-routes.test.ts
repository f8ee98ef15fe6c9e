import { type LlmSim, startLlmSim } from '@switchyard/llm-sim';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../kernel/clock.js';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { createTestPlatform, type TestPlatform } from '../../platform/test-platform.js';

describeEachDialect('channel admin routes', (dialect) => {
  let sim: LlmSim;
  let platform: TestPlatform;
  let admin: { authorization: string };
  const clock = createManualClock();

  beforeAll(async () => {
    sim = await startLlmSim({ apiKeys: ['sk-upstream-good'], models: ['gpt-4o-mini', 'gpt-5'] });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    sim.reset();
    platform = await createTestPlatform({ dialect, clock });
    admin = await platform.login('root');
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const request = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers = admin,
  ) => platform.app.inject({ method, url, payload: payload as object, headers });
  const createChannel = (overrides: Record<string, unknown> = {}) =>
    request('POST', '/api/admin/channels', {
      name: 'sim',
      type: 'openai',
      base_url: `${sim.url}/v1`,
      keys: ['sk-upstream-good'],
      models: ['gpt-4o-mini'],
      ...overrides,
    });

  it('creates a channel with the documented defaults and never echoes its keys', async () => {
    const response = await createChannel();
    expect(response.statusCode).toBe(201);
    const channel = response.json();
    expect(channel).toMatchObject({
      name: 'sim',
      type: 'openai',
      groups: ['default'],
      priority: 0,
      weight: 1,
      status: 'enabled',
      key_count: 1,
      model_mapping: {},
    });
    expect(channel.id).toMatch(/^chn_/);
    expect(response.body).not.toContain('sk-upstream-good');
    const listed = await request('GET', '/api/admin/channels');
    expect(listed.body).not.toContain('sk-upstream-good');
    expect(listed.json().items).toHaveLength(1);
  });

  it('stores channel keys encrypted at rest', async () => {
    await createChannel();
    const rows = await platform.database.db.selectFrom('channel_keys').select('sealed_key').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].sealed_key).not.toContain('sk-upstream-good');
  });

  it('fills the base URL from a vendor preset', async () => {
    const response = await createChannel({
      type: 'openai-compatible',
      vendor: 'deepseek',
      base_url: undefined,
    });
    expect(response.json().base_url).toBe('https://api.deepseek.com/v1');
  });

  it('rejects a vendor on a non-compatible type with 400 naming the field', async () => {
    const response = await createChannel({ vendor: 'deepseek' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toHaveProperty('vendor');
  });

  it('patches fields, replaces keys and deletes', async () => {
    const { id } = (await createChannel()).json();
    const patched = await request('PATCH', `/api/admin/channels/${id}`, {
      weight: 5,
      keys: ['a', 'b'],
      groups: ['vip'],
    });
    expect(patched.json()).toMatchObject({ weight: 5, key_count: 2, groups: ['vip'] });
    expect((await request('DELETE', `/api/admin/channels/${id}`)).statusCode).toBe(204);
    expect((await request('GET', `/api/admin/channels/${id}`)).statusCode).toBe(404);
  });

  it('refuses channel administration to a non-admin user', async () => {
    const user = await platform.login('alice');
    const response = await request('GET', '/api/admin/channels', undefined, {
      authorization: user.authorization,
    });
    expect(response.statusCode).toBe(403);
  });

  it('tests a channel with a real completion and records the outcome', async () => {
    const { id } = (await createChannel()).json();
    const response = await request('POST', `/api/admin/channels/${id}/test`, {});
    expect(response.json()).toMatchObject({ ok: true, model: 'gpt-4o-mini', status: 200, error: null });
    expect(sim.requests.at(-1)?.path).toBe('/v1/chat/completions');
    const channel = (await request('GET', `/api/admin/channels/${id}`)).json();
    expect(channel.last_test).toMatchObject({ outcome: 'ok', error: null });
  });

  it('records a failed test with the upstream error', async () => {
    const { id } = (await createChannel({ keys: ['sk-wrong'] })).json();
    const response = await request('POST', `/api/admin/channels/${id}/test`, {});
    expect(response.json()).toMatchObject({ ok: false, status: 401 });
    const channel = (await request('GET', `/api/admin/channels/${id}`)).json();
    expect(channel.last_test.outcome).toBe('failed');
  });

  it('proxies the upstream model list and caches it for 60 s', async () => {
    const { id } = (await createChannel()).json();
    const first = await request('GET', `/api/admin/upstream/models?channel_id=${id}`);
    expect(first.json()).toMatchObject({
      channel_id: id,
      models: ['gpt-4o-mini', 'gpt-5'],
      is_cached: false,
    });
    const second = await request('GET', `/api/admin/upstream/models?channel_id=${id}`);
    expect(second.json().is_cached).toBe(true);
    expect(sim.requests.filter((recorded) => recorded.path === '/v1/models')).toHaveLength(1);
    clock.advanceMs(60_001);
    expect((await request('GET', `/api/admin/upstream/models?channel_id=${id}`)).json().is_cached).toBe(
      false,
    );
  });

  it('maps a rejected upstream key to upstream_unauthorized', async () => {
    const { id } = (await createChannel({ keys: ['sk-wrong'] })).json();
    const response = await request('GET', `/api/admin/upstream/models?channel_id=${id}`);
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('upstream_unauthorized');
  });

  it('maps an unreachable upstream to upstream_unavailable', async () => {
    const { id } = (await createChannel({ base_url: 'http://127.0.0.1:9/v1' })).json();
    const response = await request('GET', `/api/admin/upstream/models?channel_id=${id}`);
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('upstream_unavailable');
  });
});
