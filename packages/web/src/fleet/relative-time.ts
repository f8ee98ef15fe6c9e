import type { Locale } from '../i18n/message-bundle.js';

const steps: Array<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
];

/** "12 seconds ago" / "12秒钟前", in the largest whole unit; null when there is no time. */
export function formatRelativeTime(
  iso: string | null,
  options: { nowMs: number; locale: Locale },
): string | null {
  if (!iso) return null;
  const atMs = Date.parse(iso);
  if (Number.isNaN(atMs)) return iso;
  const deltaSeconds = Math.round((atMs - options.nowMs) / 1000);
  const format = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  const step = steps.find((candidate) => Math.abs(deltaSeconds) >= candidate.seconds) ?? steps[3];
  return format.format(Math.trunc(deltaSeconds / step.seconds), step.unit);
}

/** A duration in seconds as "2h 05m", "3m 07s" or "42s": compact enough for a stat card. */
export function formatDurationSeconds(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
