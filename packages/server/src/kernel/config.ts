import path from 'node:path';
import { z } from 'zod';

export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integerFromEnv = (options: { min: number; max: number }) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be an integer between ${options.min} and ${options.max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(options.min, { message: `must be an integer between ${options.min} and ${options.max}` })
        .max(options.max, { message: `must be an integer between ${options.min} and ${options.max}` }),
    );

/** Every environment variable the server reads, with its default. The README's table mirrors this. */
export const settingsEnvSchema = z.object({
  PORT: integerFromEnv({ min: 0, max: 65535 }).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SWITCHYARD_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, {
      message: 'must start with postgres://, postgresql:// or sqlite:',
    })
    .optional(),
  SWITCHYARD_MASTER_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
      message: 'must be 32 bytes as 64 hex characters or base64',
    })
    .optional(),
  SWITCHYARD_OPEN_SIGNUP: booleanFromEnv.default(true),
  SWITCHYARD_ADMIN_USERNAME: z.string().min(3).max(64).optional(),
  SWITCHYARD_ADMIN_PASSWORD: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  SWITCHYARD_ACCESS_TOKEN_TTL_S: integerFromEnv({ min: 60, max: 86_400 }).default(900),
  SWITCHYARD_REFRESH_TOKEN_TTL_S: integerFromEnv({ min: 300, max: 31_536_000 }).default(2_592_000),
  SWITCHYARD_AUTH_RATE_LIMIT_PER_IP_PER_MIN: integerFromEnv({ min: 1, max: 1_000_000 }).default(120),
  SWITCHYARD_LOGIN_FAILURES_PER_USER_PER_MIN: integerFromEnv({ min: 1, max: 1_000_000 }).default(10),
  SWITCHYARD_BODY_LIMIT_BYTES: integerFromEnv({ min: 1024, max: 1_073_741_824 }).default(20 * 1024 * 1024),
  SWITCHYARD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  SWITCHYARD_TRUST_PROXY: booleanFromEnv.default(false),
  SWITCHYARD_WEB_DIR: z.string().min(1).optional(),
  SWITCHYARD_LOCAL_AGENT: booleanFromEnv.default(true),
});

export type SettingsEnv = z.infer<typeof settingsEnvSchema>;

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  masterKey: string | undefined;
  openSignup: boolean;
  adminUsername: string | undefined;
  adminPassword: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  authRateLimitPerIpPerMinute: number;
  loginFailuresPerUserPerMinute: number;
  bodyLimitBytes: number;
  logLevel: SettingsEnv['SWITCHYARD_LOG_LEVEL'];
  trustProxy: boolean;
  webDir: string | undefined;
  localAgent: boolean;
  /** The raw environment, for modules that read their own variables through their own schema. */
  env: Record<string, string | undefined>;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses a zod object schema over environment variables; each issue names its variable. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.infer<T> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      const given = present[variable];
      return `${variable} ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
    }),
  );
}

/** Reads the environment once at start; a bad value throws ConfigError naming the variable. */
export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = parseEnv(settingsEnvSchema, env);
  const dataDir = path.resolve(parsed.SWITCHYARD_DATA_DIR);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    databaseUrl: parsed.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'switchyard.db')}`,
    masterKey: parsed.SWITCHYARD_MASTER_KEY,
    openSignup: parsed.SWITCHYARD_OPEN_SIGNUP,
    adminUsername: parsed.SWITCHYARD_ADMIN_USERNAME,
    adminPassword: parsed.SWITCHYARD_ADMIN_PASSWORD,
    accessTokenTtlSeconds: parsed.SWITCHYARD_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlSeconds: parsed.SWITCHYARD_REFRESH_TOKEN_TTL_S,
    authRateLimitPerIpPerMinute: parsed.SWITCHYARD_AUTH_RATE_LIMIT_PER_IP_PER_MIN,
    loginFailuresPerUserPerMinute: parsed.SWITCHYARD_LOGIN_FAILURES_PER_USER_PER_MIN,
    bodyLimitBytes: parsed.SWITCHYARD_BODY_LIMIT_BYTES,
    logLevel: parsed.SWITCHYARD_LOG_LEVEL,
    trustProxy: parsed.SWITCHYARD_TRUST_PROXY,
    webDir: parsed.SWITCHYARD_WEB_DIR,
    localAgent: parsed.SWITCHYARD_LOCAL_AGENT,
    env,
  };
}
