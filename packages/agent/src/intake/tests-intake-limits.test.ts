import { describe, expect, it } from 'vitest';
import { clampJudgeLimits, readJudgeLimitCeilings } from './tests-intake-limits.js';

describe(clampJudgeLimits.name, () => {
  it('clamps user-supplied limits to the server ceilings and says which were clamped', () => {
    const ceilings = readJudgeLimitCeilings({ SWITCHYARD_JUDGE_MAX_TIME_LIMIT_MS: '5000' });
    const { limits, clamped } = clampJudgeLimits(
      { timeLimitMs: 60_000, memoryLimitMb: 256, outputLimitKb: 0 },
      ceilings,
    );
    expect(limits).toEqual({ timeLimitMs: 5000, memoryLimitMb: 256, outputLimitKb: 1 });
    expect(clamped).toEqual(['timeLimitMs', 'outputLimitKb']);
  });
});
