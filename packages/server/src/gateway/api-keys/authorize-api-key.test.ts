import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../kernel/clock.js';
import { createApiKeyRateLimiter } from './api-key-rate-limiter.js';
import { parseCidrRange } from './api-key-schemas.js';
import type { ApiKeyPrincipal } from './api-key-service.js';
import { authorizeApiKey, authorizeModel } from './authorize-api-key.js';

const principal = (overrides: Partial<ApiKeyPrincipal> = {}): ApiKeyPrincipal => ({
  keyId: 'key_1',
  userId: 'usr_1',
  group: 'default',
  expiresAtMs: null,
  isEnabled: true,
  isUserDisabled: false,
  allowedModels: null,
  allowedRanges: null,
  rpm: null,
  tpm: null,
  ...overrides,
});
const codeOf = (run: () => void) => {
  try {
    run();
    return 'passed';
  } catch (error) {
    return `${(error as { status: number }).status} ${(error as { code: string }).code} ${(error as Error).message}`;
  }
};

describe(authorizeApiKey.name, () => {
  it('answers an expired key with 401 and the message Token has expired', () => {
    const result = codeOf(() =>
      authorizeApiKey(principal({ expiresAtMs: 1000 }), { nowMs: 1000, ip: '127.0.0.1' }),
    );
    expect(result).toBe('401 token_expired Token has expired');
  });

  it('answers unknown and disabled keys with 401', () => {
    expect(codeOf(() => authorizeApiKey(undefined, { nowMs: 0, ip: '127.0.0.1' }))).toMatch(
      /^401 invalid_api_key/,
    );
    expect(
      codeOf(() => authorizeApiKey(principal({ isEnabled: false }), { nowMs: 0, ip: '127.0.0.1' })),
    ).toMatch(/^401 invalid_api_key/);
  });

  it('matches IPv4-mapped IPv6 callers against IPv4 ranges', () => {
    const allowedRanges = [parseCidrRange('10.1.0.0/16'), parseCidrRange('::1')];
    expect(
      codeOf(() => authorizeApiKey(principal({ allowedRanges }), { nowMs: 0, ip: '::ffff:10.1.2.3' })),
    ).toBe('passed');
    expect(codeOf(() => authorizeApiKey(principal({ allowedRanges }), { nowMs: 0, ip: '::1' }))).toBe(
      'passed',
    );
    expect(codeOf(() => authorizeApiKey(principal({ allowedRanges }), { nowMs: 0, ip: '10.2.0.1' }))).toMatch(
      /^403 ip_not_allowed/,
    );
  });

  it('rejects a model outside the allow-list with 403', () => {
    expect(codeOf(() => authorizeModel(principal({ allowedModels: new Set(['a']) }), 'b'))).toMatch(
      /^403 model_not_allowed/,
    );
  });
});

describe(createApiKeyRateLimiter.name, () => {
  it('answers the request over rpm with 429 and the seconds left in the window', () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1, 0, 0, 15));
    const limiter = createApiKeyRateLimiter({ clock });
    limiter.admit({ keyId: 'k', rpm: 2, tpm: null });
    limiter.admit({ keyId: 'k', rpm: 2, tpm: null });
    let caught: { status: number; headers: Record<string, string> } | undefined;
    try {
      limiter.admit({ keyId: 'k', rpm: 2, tpm: null });
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught).toMatchObject({ status: 429, headers: { 'retry-after': '45' } });
    clock.advanceMs(45_000);
    expect(() => limiter.admit({ keyId: 'k', rpm: 2, tpm: null })).not.toThrow();
  });

  it('stops the next request once the tokens of the window reach tpm', () => {
    const limiter = createApiKeyRateLimiter({ clock: createManualClock() });
    limiter.admit({ keyId: 'k', rpm: null, tpm: 100 });
    limiter.recordTokens('k', 120);
    expect(() => limiter.admit({ keyId: 'k', rpm: null, tpm: 100 })).toThrow(/tpm/);
  });
});
