import { describe, expect, it } from 'vitest';
import {
  apiKeyToForm,
  checkApiKeyForm,
  emptyApiKeyForm,
  formToApiKeyCreate,
  formToApiKeyPatch,
  isExpired,
  isoToLocalInput,
} from './api-key-form.js';
import type { PublicApiKey } from './gateway-api.js';

const key: PublicApiKey = {
  id: 'k1',
  user_id: 'u1',
  name: 'ci',
  key_hint: 'sk-…abcd',
  group: 'default',
  expires_at: null,
  models: ['gpt-4o'],
  allow_cidrs: null,
  rpm: 60,
  tpm: null,
  enabled: true,
  created_at: '2026-01-01T00:00:00.000Z',
  last_used_at: null,
  quota_micros: 5_250_000,
};

describe(formToApiKeyCreate.name, () => {
  it('leaves out empty optional fields and parses limits', () => {
    expect(formToApiKeyCreate({ ...emptyApiKeyForm, name: ' ci ', rpm: '60' })).toEqual({
      name: 'ci',
      group: 'default',
      expires_at: null,
      rpm: 60,
    });
  });

  it('sends a spending limit as exact micro-units', () => {
    expect(formToApiKeyCreate({ ...emptyApiKeyForm, name: 'x', quota: '2.75' }).quota_micros).toBe(2_750_000);
  });

  it('sends the expiry as an ISO instant that reads back as the same local time', () => {
    const body = formToApiKeyCreate({ ...emptyApiKeyForm, name: 'x', expiresAtLocal: '2027-03-04T05:06' });
    expect(body.expires_at).toMatch(/^2027-03-0\dT\d\d:06:00\.000Z$/);
    expect(isoToLocalInput(body.expires_at ?? null)).toBe('2027-03-04T05:06');
  });
});

describe(formToApiKeyPatch.name, () => {
  it('clears restrictions with null and keeps an unchanged quota out of the body', () => {
    const values = { ...apiKeyToForm(key), models: [], rpm: '' };
    const patch = formToApiKeyPatch(values, key);
    expect(patch).toMatchObject({ models: null, rpm: null, allow_cidrs: null });
    expect(patch).not.toHaveProperty('quota_micros');
  });

  it('sends a changed quota as exact micro-units, and null for unlimited', () => {
    expect(formToApiKeyPatch({ ...apiKeyToForm(key), quota: '0.1' }, key).quota_micros).toBe(100_000);
    expect(formToApiKeyPatch({ ...apiKeyToForm(key), quota: '' }, key).quota_micros).toBeNull();
  });

  it('shows the stored quota in currency units', () => {
    expect(apiKeyToForm(key).quota).toBe('5.25');
  });
});

describe(checkApiKeyForm.name, () => {
  it('rejects non-integer limits, bad amounts and a missing name', () => {
    expect(checkApiKeyForm({ ...emptyApiKeyForm, rpm: '1.5', tpm: '0', quota: '1.0000001' })).toEqual({
      name: 'required',
      rpm: 'positiveInteger',
      tpm: 'positiveInteger',
      quota: 'invalidAmount',
    });
  });
});

describe(isExpired.name, () => {
  it('treats a past expiry as expired and null as never', () => {
    const nowMs = Date.parse('2026-06-01T00:00:00Z');
    expect(isExpired({ expires_at: '2026-05-31T23:59:59Z' }, nowMs)).toBe(true);
    expect(isExpired({ expires_at: null }, nowMs)).toBe(false);
  });
});
