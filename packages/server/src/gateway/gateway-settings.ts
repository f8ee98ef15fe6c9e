import { z } from 'zod';
import { parseEnv } from '../kernel/config.js';

const integerFromEnv = (options: { min: number; max: number }) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be an integer between ${options.min} and ${options.max}` })
    .transform(Number)
    .pipe(z.number().min(options.min).max(options.max));

/** The gateway's own environment variables, with their defaults. */
export const gatewaySettingsEnvSchema = z.object({
  SWITCHYARD_GATEWAY_MAX_ATTEMPTS: integerFromEnv({ min: 1, max: 10 }).default(3),
  SWITCHYARD_GATEWAY_FAILURES_BEFORE_COOLDOWN: integerFromEnv({ min: 1, max: 100 }).default(3),
  SWITCHYARD_GATEWAY_COOLDOWN_MS: integerFromEnv({ min: 0, max: 3_600_000 }).default(30_000),
});

export interface GatewaySettings {
  maxAttempts: number;
  failuresBeforeCooldown: number;
  cooldownMs: number;
}

export function loadGatewaySettings(env: Record<string, string | undefined>): GatewaySettings {
  const parsed = parseEnv(gatewaySettingsEnvSchema, env);
  return {
    maxAttempts: parsed.SWITCHYARD_GATEWAY_MAX_ATTEMPTS,
    failuresBeforeCooldown: parsed.SWITCHYARD_GATEWAY_FAILURES_BEFORE_COOLDOWN,
    cooldownMs: parsed.SWITCHYARD_GATEWAY_COOLDOWN_MS,
  };
}
