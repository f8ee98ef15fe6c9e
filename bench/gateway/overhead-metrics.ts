/** Cumulative bucket counts of switchyard_gateway_overhead_seconds for one model, by upper bound. */
export type OverheadBuckets = Map<number, number>;

const bucketLine = /^switchyard_gateway_overhead_seconds_bucket\{([^}]*)\}\s+(\S+)/;

export async function scrapeOverheadBuckets(baseUrl: string, model: string): Promise<OverheadBuckets> {
  const response = await fetch(`${baseUrl}/metrics`);
  const buckets: OverheadBuckets = new Map();
  if (!response.ok) return buckets;
  for (const line of (await response.text()).split('\n')) {
    const match = bucketLine.exec(line);
    if (!match?.[1].includes(`model="${model}"`)) continue;
    const le = /le="([^"]+)"/.exec(match[1])?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/**
 * The histogram's view of one run (after − before): count, and the bucket bounds that hold the
 * median and the 99th percentile ("≤ bound"), which is all a Prometheus histogram can say.
 */
export function diffOverheadBuckets(before: OverheadBuckets, after: OverheadBuckets) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts.at(-1) ?? 0;
  const boundFor = (q: number) => {
    if (total === 0) return null;
    const index = counts.findIndex((count) => count >= q * total);
    const bound = bounds[index];
    return Number.isFinite(bound) ? `≤ ${bound * 1000} ms` : `> ${bounds[index - 1] * 1000} ms`;
  };
  return {
    count: total,
    p50: boundFor(0.5),
    p99: boundFor(0.99),
    buckets_ms: Object.fromEntries(
      bounds.map((bound, index) => [Number.isFinite(bound) ? String(bound * 1000) : '+Inf', counts[index]]),
    ),
  };
}
