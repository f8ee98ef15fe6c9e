import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type LatencySummary, summariseLatencies } from './latency-summary.js';

/**
 * A small sequential client beside the main load: one request every `everyMs`, keeping the
 * gateway's own x-switchyard-overhead-ms header. Stop it with the returned function.
 */
export function sampleOverheadHeader(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  everyMs: number;
}): () => Promise<LatencySummary> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: 1 });
  const samples: number[] = [];
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      try {
        const response = await pool.request({
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: options.body,
        });
        await response.body.arrayBuffer();
        const overhead = response.headers['x-switchyard-overhead-ms'];
        if (response.statusCode === 200 && typeof overhead === 'string') samples.push(Number(overhead));
      } catch {
        // The main load may saturate the target; a failed sample is just not counted.
      }
      await sleep(options.everyMs);
    }
  })();
  return async () => {
    isStopped = true;
    await loop;
    await pool.close();
    return summariseLatencies(samples);
  };
}
