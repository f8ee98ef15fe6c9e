import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';

describeEachDialect('request log routes', (dialect) => {
  let harness: GatewayHarness;
  beforeAll(async () => {
    harness = await startGatewayHarness({ dialect });
    await harness.createChannel({ models: ['gpt-4o-mini'] });
    const client = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
    for (const content of ['one', 'two', 'three'])
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    await harness.platform.services.gateway.flush();
  });
  afterAll(async () => {
    await harness.dispose();
  });

  const get = async (url: string, authorization: string) =>
    (await harness.platform.app.inject({ method: 'GET', url, headers: { authorization } })).json();

  it('pages newest first with a cursor', async () => {
    const first = await get('/api/admin/logs?limit=2', harness.admin.authorization);
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id > first.items[1].id).toBe(true);
    const second = await get(
      `/api/admin/logs?limit=2&cursor=${first.next_cursor}`,
      harness.admin.authorization,
    );
    expect(second.items).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
  });

  it('returns every Contract field on each item', async () => {
    const { items } = await get('/api/admin/logs?limit=1', harness.admin.authorization);
    for (const field of [
      'id',
      'created_at',
      'user_id',
      'key_id',
      'model',
      'upstream_model',
      'channel_id',
      'inbound',
      'outbound',
      'stream',
      'status',
      'error_code',
      'ttfb_ms',
      'duration_ms',
      'overhead_ms',
      'attempts',
      'usage',
      'usage_source',
    ]) {
      expect(items[0]).toHaveProperty(field);
    }
  });

  it('shows a user only their own logs', async () => {
    const own = await get('/api/logs', harness.user.authorization);
    expect(own.items).toHaveLength(3);
    const bob = await harness.platform.login('bob');
    expect((await get('/api/logs', bob.authorization)).items).toEqual([]);
    expect(
      (
        await harness.platform.app.inject({
          method: 'GET',
          url: '/api/admin/logs',
          headers: { authorization: bob.authorization },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('filters by status and model', async () => {
    expect(
      (await get('/api/admin/logs?status=200&model=gpt-4o-mini', harness.admin.authorization)).items,
    ).toHaveLength(3);
    expect((await get('/api/admin/logs?status=500', harness.admin.authorization)).items).toHaveLength(0);
  });
});
