import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe(newId.name, () => {
  it('prefixes the id and uses 26 Crockford base32 characters', () => {
    expect(newId('usr')).toMatch(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sorts ids created in one millisecond in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId('tsk', 1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it('sorts later ids after earlier ones', () => {
    const earlier = newId('x', 1_999_999_999_999);
    expect(newId('x', 2_000_000_000_000) > earlier).toBe(true);
  });
});
