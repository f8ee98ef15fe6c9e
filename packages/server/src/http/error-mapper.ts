import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isAppError } from '../kernel/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

// Fastify's own client errors, mapped to our codes so nothing leaks framework wording or stacks.
const fastifyClientErrors: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_request', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_request',
    message: 'Request body is empty but content-type is JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Unsupported content-type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_request',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_VALIDATION: { code: 'invalid_request', message: 'Invalid request' },
};

/** Maps anything thrown in a route to `{error:{code,message,details?}}` with a fitting status. */
export function toErrorResponse(error: unknown): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status: error.status, body, headers: error.headers };
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError?.code ? fastifyClientErrors[fastifyError.code] : undefined;
  if (known) {
    const status = fastifyError.statusCode ?? 400;
    const message = fastifyError.code === 'FST_ERR_VALIDATION' ? fastifyError.message : known.message;
    return { status, body: { error: { code: known.code, message } } };
  }
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return {
      status: fastifyError.statusCode,
      body: { error: { code: 'invalid_request', message: fastifyError.message || 'Bad request' } },
    };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'Internal server error' } } };
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body, headers } = toErrorResponse(error);
  if (headers) reply.headers(headers);
  return reply.status(status).send(body);
}

export function installErrorMapper(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status } = toErrorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, error);
  });
}
