import { describe, expect, it } from 'vitest';
import { formatBytes } from './byte-size.js';

describe(formatBytes.name, () => {
  it('uses binary units with at most one decimal', () => {
    expect([0, 512, 1536, 85_899_345_920, 1.5 * 1024 ** 4].map(formatBytes)).toEqual([
      '0 B',
      '512 B',
      '1.5 KiB',
      '80 GiB',
      '1.5 TiB',
    ]);
  });

  it('returns null for a missing value', () => {
    expect(formatBytes(null)).toBeNull();
    expect(formatBytes(undefined)).toBeNull();
  });
});
