import { describe, expect, it } from 'vitest';
import {
  type ChannelFormValues,
  channelToForm,
  checkChannelForm,
  emptyChannelForm,
  formToChannelCreate,
  formToChannelPatch,
  mappingFromRows,
  modelsToImport,
  parseKeyLines,
} from './channel-form.js';
import type { PublicChannel } from './gateway-api.js';

const channel: PublicChannel = {
  id: 'ch1',
  name: 'primary',
  type: 'openai',
  vendor: null,
  base_url: 'https://api.openai.com/v1',
  key_count: 2,
  models: ['gpt-4o'],
  model_mapping: { 'gpt-4o': 'gpt-4o-2024-11-20' },
  groups: ['default'],
  priority: 0,
  weight: 1,
  timeout_ms: 30_000,
  status: 'auto_disabled',
  status_reason: 'upstream answered HTTP 401',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  last_test: null,
};

const filled: ChannelFormValues = {
  ...emptyChannelForm,
  name: ' deepseek ',
  type: 'openai-compatible',
  vendor: 'deepseek',
  keysText: 'sk-a\n\n sk-b \nsk-a\n',
  models: ['deepseek-chat'],
};

describe(parseKeyLines.name, () => {
  it('keeps non-empty trimmed lines once each', () => {
    expect(parseKeyLines('sk-a\r\n\n sk-b \nsk-a')).toEqual(['sk-a', 'sk-b']);
  });
});

describe(mappingFromRows.name, () => {
  it('drops half-filled rows and trims names', () => {
    expect(
      mappingFromRows([
        { requested: ' gpt-4o ', upstream: 'gpt-4o-2024-11-20' },
        { requested: 'x', upstream: '' },
      ]),
    ).toEqual({ 'gpt-4o': 'gpt-4o-2024-11-20' });
  });
});

describe(checkChannelForm.name, () => {
  it('requires keys when creating but not when editing', () => {
    const values = { ...filled, keysText: '' };
    expect(checkChannelForm(values, 'create')).toEqual({ keysText: 'keysRequired' });
    expect(checkChannelForm(values, 'edit')).toEqual({});
  });

  it('asks for a base URL for an OpenAI-compatible channel without a vendor preset', () => {
    expect(checkChannelForm({ ...filled, vendor: null }, 'create')).toEqual({ baseUrl: 'required' });
  });

  it('flags a mapping row with only one side filled', () => {
    const values = { ...filled, mapping: [{ requested: 'a', upstream: '' }] };
    expect(checkChannelForm(values, 'create').mapping).toBe('mappingIncomplete');
  });
});

describe(formToChannelCreate.name, () => {
  it('builds the create body with the vendor preset and no empty base URL', () => {
    const body = formToChannelCreate(filled);
    expect(body).toMatchObject({ name: 'deepseek', vendor: 'deepseek', keys: ['sk-a', 'sk-b'] });
    expect(body).not.toHaveProperty('base_url');
  });

  it('never sends a vendor for a first-party channel type', () => {
    expect(formToChannelCreate({ ...filled, type: 'openai' })).not.toHaveProperty('vendor');
  });
});

describe(formToChannelPatch.name, () => {
  it('leaves keys and status alone when neither was touched', () => {
    const patch = formToChannelPatch(channelToForm(channel), channel);
    expect(patch).not.toHaveProperty('keys');
    expect(patch).not.toHaveProperty('status');
    expect(patch).not.toHaveProperty('base_url');
    expect(patch.model_mapping).toEqual({ 'gpt-4o': 'gpt-4o-2024-11-20' });
  });

  it('replaces keys only when new ones were typed and sends a toggled status', () => {
    const values = { ...channelToForm(channel), keysText: 'sk-new', isEnabled: false };
    expect(formToChannelPatch(values, channel)).toMatchObject({ keys: ['sk-new'], status: 'disabled' });
  });
});

describe(modelsToImport.name, () => {
  it('lists upstream models the channel does not serve yet', () => {
    expect(modelsToImport(['gpt-4o'], ['gpt-4o', 'gpt-4.1', 'o3'])).toEqual(['gpt-4.1', 'o3']);
  });
});
