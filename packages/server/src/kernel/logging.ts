import pino, { type Logger } from 'pino';

export type { Logger };

// Never let a credential reach a log line, whatever path logs it.
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.new_password',
  '*.refresh_token',
  '*.access_token',
  '*.keys',
  '*.token',
];

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    level: options.level,
    name: options.name ?? 'switchyard',
    redact: { paths: redactedPaths, censor: '[redacted]' },
  });
}
