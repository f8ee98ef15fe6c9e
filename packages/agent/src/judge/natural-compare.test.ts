import { describe, expect, it } from 'vitest';
import { compareNaturally } from './natural-compare.js';

describe(compareNaturally.name, () => {
  it('sorts numbered tests as people count them', () => {
    expect(['10', '2', '1', 'a10', 'a9', 'b'].sort(compareNaturally)).toEqual([
      '1',
      '2',
      '10',
      'a9',
      'a10',
      'b',
    ]);
  });

  it('handles numbers beyond the safe integer range', () => {
    expect(['test99999999999999999999', 'test100000000000000000000'].sort(compareNaturally)).toEqual([
      'test99999999999999999999',
      'test100000000000000000000',
    ]);
  });
});
