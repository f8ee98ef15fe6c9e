/**
 * Weighted random choice inside one priority tier: weight 0 is never chosen unless every weight in
 * the tier is 0, then the tier is served round robin (`roundRobinIndex` grows by one per call).
 */
export function pickWeightedChannel<T extends { weight: number }>(
  candidates: readonly T[],
  options: { random: () => number; roundRobinIndex: number },
): T | undefined {
  if (candidates.length === 0) return undefined;
  let totalWeight = 0;
  for (const candidate of candidates) totalWeight += candidate.weight;
  if (totalWeight === 0) return candidates[options.roundRobinIndex % candidates.length];
  let remaining = options.random() * totalWeight;
  for (const candidate of candidates) {
    if (candidate.weight === 0) continue;
    remaining -= candidate.weight;
    if (remaining < 0) return candidate;
  }
  // random() may return a value so close to 1 that rounding leaves `remaining` at 0.
  return candidates.findLast((candidate) => candidate.weight > 0);
}

/** A small seeded generator (mulberry32) so tests of the weighted choice are deterministic. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
