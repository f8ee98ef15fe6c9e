import { describe, expect, it } from 'vitest';
import { parseFaultHeader } from './parse-fault-header.js';

describe(parseFaultHeader.name, () => {
  it('reads numeric tokens and flags separated by semicolons or commas', () => {
    expect(parseFaultHeader('status=429; retry-after=3, omit-usage,disconnect-after=2')).toEqual({
      status: 429,
      retryAfterSeconds: 3,
      omitUsage: true,
      disconnectAfterChunks: 2,
    });
    expect(parseFaultHeader('hang')).toEqual({ hang: true });
    expect(
      parseFaultHeader('latency-ms=10; chunk-delay-ms=5; malformed-at=1; error-after=2; hang-after=4'),
    ).toEqual({
      latencyMs: 10,
      chunkDelayMs: 5,
      malformedChunkAt: 1,
      streamErrorAfterChunks: 2,
      hangAfterChunks: 4,
    });
  });

  it('throws on an unknown token or a non-numeric value', () => {
    expect(() => parseFaultHeader('stauts=500')).toThrow(/unknown x-sim-fault token/);
    expect(() => parseFaultHeader('status=abc')).toThrow(/unknown x-sim-fault token/);
  });
});
