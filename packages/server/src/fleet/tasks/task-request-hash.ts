import { createHash } from 'node:crypto';

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonicalize((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Hash of a request body independent of key order, so a retried request matches its first send. */
export const hashRequestBody = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonicalize(body)))
    .digest('hex');
