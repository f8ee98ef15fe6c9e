import { AppError } from '../kernel/errors.js';

// Codes the gateway answers with. Inbound routes render them in the caller's own dialect;
// console/admin routes render them as {error:{code,message}}.

export const invalidApiKey = (message = 'Invalid API key') =>
  new AppError({ code: 'invalid_api_key', status: 401, message });
export const tokenExpired = () =>
  new AppError({ code: 'token_expired', status: 401, message: 'Token has expired' });
export const apiKeyDisabled = () =>
  new AppError({ code: 'invalid_api_key', status: 401, message: 'API key is disabled' });
export const modelNotAllowed = (model: string) =>
  new AppError({
    code: 'model_not_allowed',
    status: 403,
    message: `This API key may not use model ${model}`,
  });
export const ipNotAllowed = (ip: string) =>
  new AppError({ code: 'ip_not_allowed', status: 403, message: `This API key may not be used from ${ip}` });
export const keyRateLimited = (options: { limit: 'rpm' | 'tpm'; retryAfterSeconds: number }) =>
  new AppError({
    code: 'rate_limited',
    status: 429,
    message: `API key ${options.limit} limit reached; retry in ${options.retryAfterSeconds} s`,
    headers: { 'retry-after': String(options.retryAfterSeconds) },
  });
export const modelNotFound = (model: string) =>
  new AppError({ code: 'model_not_found', status: 404, message: `No channel serves model ${model}` });
export const channelUnavailable = (options: { model: string; retryAfterSeconds: number }) =>
  new AppError({
    code: 'channel_unavailable',
    status: 503,
    message: `Every channel for model ${options.model} is cooling down or failing; retry in ${options.retryAfterSeconds} s`,
    headers: { 'retry-after': String(options.retryAfterSeconds) },
  });
export const upstreamFailed = (options: { status: number; message: string }) =>
  new AppError({ code: 'upstream_error', status: options.status, message: options.message });
export const channelNotFound = (id: string) =>
  new AppError({ code: 'not_found', status: 404, message: `Channel ${id} not found` });
export const apiKeyNotFound = (id: string) =>
  new AppError({ code: 'not_found', status: 404, message: `API key ${id} not found` });
export const upstreamUnauthorized = (status: number) =>
  new AppError({
    code: 'upstream_unauthorized',
    status: 502,
    message: `The upstream rejected the channel's key (HTTP ${status})`,
    details: { upstream_status: status },
  });
export const upstreamUnavailable = (reason: string) =>
  new AppError({
    code: 'upstream_unavailable',
    status: 502,
    message: `The upstream could not be reached: ${reason}`,
  });
export const endpointNotSupported = (what: string) =>
  new AppError({
    code: 'invalid_request',
    status: 400,
    message: `${what} is not supported by any channel for this model`,
  });
