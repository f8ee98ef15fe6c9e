import type { FastifyReply } from 'fastify';
import { isAppError } from '../../kernel/errors.js';
import { renderGatewayError } from '../translate/index.js';
import type { Dialect } from '../usage/index.js';

/** Answers a gateway side-endpoint (models, count_tokens) error in the caller's dialect. */
export function sendDialectError(
  reply: FastifyReply,
  options: { dialect: Dialect; error: unknown; startedAt: number },
): FastifyReply {
  if (!isAppError(options.error)) throw options.error;
  const { status, code, message, headers } = options.error;
  const rendered = renderGatewayError(options.dialect, { status, code, message });
  return reply
    .status(status)
    .headers({
      ...rendered.headers,
      ...headers,
      'x-switchyard-overhead-ms': (performance.now() - options.startedAt).toFixed(3),
    })
    .send(JSON.stringify(rendered.body));
}
