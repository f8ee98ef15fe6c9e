import { describe, expect, it } from 'vitest';
import {
  agentClaimRequestSchema,
  agentGpuMetricsSchema,
  agentRegisterRequestSchema,
  agentTaskCompleteRequestSchema,
  commandTaskPayloadSchema,
} from './agent-protocol.js';

describe('agent protocol schemas', () => {
  it('rejects a claim that asks to wait longer than 25 s', () => {
    expect(
      agentClaimRequestSchema.safeParse({ claim_id: 'claim-0001', free_slots: 1, wait_ms: 25_001 }).success,
    ).toBe(false);
    expect(agentClaimRequestSchema.parse({ claim_id: 'claim-0001', free_slots: 1 }).wait_ms).toBe(0);
  });

  it('fills register defaults for a machine without GPUs', () => {
    const parsed = agentRegisterRequestSchema.parse({ agent_version: '0.1.0', hostname: 'box' });
    expect(parsed).toMatchObject({ gpus: [], held_attempts: [], executors: ['process'], slots: 1 });
  });

  it('carries unsupported GPU fields as null', () => {
    const metrics = {
      index: 0,
      uuid: 'GPU-1',
      utilization_percent: null,
      memory_used_bytes: 1,
      memory_total_bytes: 2,
      temperature_c: 30,
      power_watts: null,
      sm_clock_mhz: null,
      ecc_errors_uncorrected: null,
    };
    expect(agentGpuMetricsSchema.parse(metrics).utilization_percent).toBeNull();
  });

  it('accepts only the four outcomes on complete', () => {
    const base = { attempt_id: 'att_1', exit_code: 0, signal: null, last_seq: 3 };
    expect(agentTaskCompleteRequestSchema.safeParse({ ...base, outcome: 'lease_lost' }).success).toBe(true);
    expect(agentTaskCompleteRequestSchema.safeParse({ ...base, outcome: 'lease_expired' }).success).toBe(
      false,
    );
  });

  it('requires a non-empty argv for command tasks', () => {
    expect(commandTaskPayloadSchema.safeParse({ type: 'command', command: [] }).success).toBe(false);
    expect(
      commandTaskPayloadSchema.parse({ type: 'command', command: ['echo', 'hi'], sandbox: true }).sandbox,
    ).toBe(true);
  });
});
