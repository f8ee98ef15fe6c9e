import { describe, expect, it } from 'vitest';
import { renderGatewayError } from './render-gateway-error.js';

describe(renderGatewayError.name, () => {
  it('renders the OpenAI shape with type, code and param for chat and Responses callers', () => {
    const rendered = renderGatewayError('openai-responses', {
      status: 404,
      code: 'model_not_found',
      message: 'No channel serves x',
    });
    expect(rendered).toEqual({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: {
        error: {
          message: 'No channel serves x',
          type: 'invalid_request_error',
          code: 'model_not_found',
          param: null,
        },
      },
    });
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [503, 'overloaded_error'],
  ])('names status %i %s for Anthropic callers', (status, type) => {
    expect(renderGatewayError('anthropic-messages', { status, code: 'x', message: 'm' }).body).toEqual({
      type: 'error',
      error: { type, message: 'm' },
    });
  });

  it.each([
    [400, 'INVALID_ARGUMENT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL'],
    [503, 'UNAVAILABLE'],
  ])('names status %i %s for Gemini callers', (status, googleStatus) => {
    expect(renderGatewayError('gemini', { status, code: 'x', message: 'm' }).body).toEqual({
      error: { code: status, message: 'm', status: googleStatus },
    });
  });

  it('keeps an explicit OpenAI type such as insufficient_quota', () => {
    const rendered = renderGatewayError('openai-chat', {
      status: 429,
      code: 'insufficient_quota',
      message: 'm',
      type: 'insufficient_quota',
    });
    expect(rendered.body).toEqual({
      error: { message: 'm', type: 'insufficient_quota', code: 'insufficient_quota', param: null },
    });
  });
});
