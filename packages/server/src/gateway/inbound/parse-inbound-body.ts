import type { z } from 'zod';
import { parseWithSchema } from '../../http/zod-validation.js';
import { invalidRequest } from '../../kernel/errors.js';
import { parseJsonPayload } from '../usage/index.js';

/**
 * The caller's JSON body as an object plus the few fields the gateway reads, checked by `schema`.
 * The object itself is what gets forwarded, so unknown fields survive.
 */
export function parseInboundBody<T extends z.ZodType>(
  schema: T,
  rawBody: Buffer,
): { body: Record<string, unknown>; fields: z.infer<T> } {
  const body = rawBody.length === 0 ? undefined : parseJsonPayload(rawBody.toString('utf8'));
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('Request body must be a JSON object');
  return { body: body as Record<string, unknown>, fields: parseWithSchema(schema, body) };
}

/** The raw bytes of a request whose body the gateway scope kept unparsed. */
export function readRawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
