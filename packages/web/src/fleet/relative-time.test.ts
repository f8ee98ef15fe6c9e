import { describe, expect, it } from 'vitest';
import { formatDurationSeconds, formatRelativeTime } from './relative-time.js';

const nowMs = Date.parse('2025-06-01T12:00:00.000Z');

describe(formatRelativeTime.name, () => {
  it('uses the largest whole unit in English and Chinese', () => {
    expect(formatRelativeTime('2025-06-01T11:59:48.000Z', { nowMs, locale: 'en' })).toBe('12 seconds ago');
    expect(formatRelativeTime('2025-06-01T11:57:00.000Z', { nowMs, locale: 'en' })).toBe('3 minutes ago');
    expect(formatRelativeTime('2025-05-30T12:00:00.000Z', { nowMs, locale: 'en' })).toBe('2 days ago');
    expect(formatRelativeTime('2025-06-01T11:57:00.000Z', { nowMs, locale: 'zh-CN' })).toBe('3分钟前');
  });

  it('returns null without a time', () => {
    expect(formatRelativeTime(null, { nowMs, locale: 'en' })).toBeNull();
  });
});

describe(formatDurationSeconds.name, () => {
  it('formats seconds, minutes and hours compactly', () => {
    expect([42.9, 187, 7500, -3].map(formatDurationSeconds)).toEqual(['42s', '3m 07s', '2h 05m', '0s']);
  });
});
