import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { type LatencySummary, summariseLatencies } from './latency-summary.js';

export interface OpenLoopResult {
  target_rate_per_s: number;
  achieved_rate_per_s: number;
  requests: number;
  errors: number;
  /** Requests not sent because the in-flight cap was reached (the target fell behind). */
  dropped: number;
  /** Send → last byte of the body. */
  latency: LatencySummary;
  /** Scheduled send time → last byte (includes generator lag; coordinated omission corrected). */
  latency_from_schedule: LatencySummary;
  /** Send → response headers. */
  ttfb: LatencySummary;
  /** x-switchyard-overhead-ms of every response, when the target sends it. */
  overhead_header: LatencySummary | null;
}

/**
 * Fixed-rate (open-loop) load: request i is sent at start + i/rate whatever the earlier ones are
 * doing, so a slow target queues work instead of slowing the generator down (wrk cannot do this and
 * wrk2 is not packaged by Debian).
 */
export async function runOpenLoop(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  ratePerS: number;
  durationS: number;
  connections: number;
}): Promise<OpenLoopResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections, keepAliveTimeout: 60_000 });
  const total = Math.round(options.ratePerS * options.durationS);
  const intervalMs = 1000 / options.ratePerS;
  const maxInFlight = options.connections * 4;
  const headers = { 'content-type': 'application/json', ...options.headers };
  const latencies: number[] = [];
  const fromSchedule: number[] = [];
  const ttfbs: number[] = [];
  const overheads: number[] = [];
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  let firstError: string | undefined;

  async function sendOne(scheduledAt: number): Promise<void> {
    const sentAt = performance.now();
    try {
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers,
        body: options.body,
      });
      const headersAt = performance.now();
      await response.body.arrayBuffer();
      const doneAt = performance.now();
      if (response.statusCode !== 200) {
        errors++;
        firstError ??= `status ${response.statusCode}`;
        return;
      }
      latencies.push(doneAt - sentAt);
      fromSchedule.push(doneAt - scheduledAt);
      ttfbs.push(headersAt - sentAt);
      const overhead = response.headers['x-switchyard-overhead-ms'];
      if (typeof overhead === 'string') overheads.push(Number(overhead));
    } catch (error) {
      errors++;
      firstError ??= (error as Error).message;
    } finally {
      inFlight--;
    }
  }

  const pending: Promise<void>[] = [];
  const startedAt = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      while (sent < due) {
        const scheduledAt = startedAt + sent * intervalMs;
        sent++;
        if (inFlight >= maxInFlight) {
          dropped++;
          continue;
        }
        inFlight++;
        pending.push(sendOne(scheduledAt));
      }
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, startedAt + sent * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsedS = (performance.now() - startedAt) / 1000;
  await pool.close();
  if (firstError) console.log(`    first error: ${firstError}`);
  return {
    target_rate_per_s: options.ratePerS,
    achieved_rate_per_s: Math.round(latencies.length / elapsedS),
    requests: latencies.length,
    errors,
    dropped,
    latency: summariseLatencies(latencies),
    latency_from_schedule: summariseLatencies(fromSchedule),
    ttfb: summariseLatencies(ttfbs),
    overhead_header: overheads.length > 0 ? summariseLatencies(overheads) : null,
  };
}
