import type { Dialect } from '../usage/llm-dialect.js';

// Each SDK builds its error class from the status and reads the message from its own body shape,
// so every gateway error is rendered in the caller's dialect.
// OpenAI:    {error:{message,type,code,param}}   @see https://platform.openai.com/docs/guides/error-codes
// Anthropic: {type:"error",error:{type,message}} @see https://docs.anthropic.com/en/api/errors
// Gemini:    {error:{code,message,status}}       @see https://ai.google.dev/gemini-api/docs/troubleshooting

export interface GatewayErrorInput {
  status: number;
  /** Our stable snake_case code, e.g. model_not_found; OpenAI bodies carry it as `code`. */
  code: string;
  message: string;
  /** OpenAI `type` override; other dialects use it only when it is one of their own type names. */
  type?: string;
}

export interface RenderedGatewayError {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const openaiTypesByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_error',
};

const anthropicTypesByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

const googleStatusesByStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const anthropicTypeNames = new Set(Object.values(anthropicTypesByStatus));

export function openaiErrorTypeForStatus(status: number): string {
  return openaiTypesByStatus[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
}

export function anthropicErrorTypeForStatus(status: number, type?: string): string {
  if (type && anthropicTypeNames.has(type)) return type;
  return anthropicTypesByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function googleStatusForStatus(status: number): string {
  return googleStatusesByStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
}

/** The HTTP status an Anthropic error type stands for (for errors that arrive inside a stream). */
export function statusForAnthropicErrorType(type: string): number {
  if (type === 'overloaded_error') return 529;
  const entry = Object.entries(anthropicTypesByStatus).find(([, name]) => name === type);
  return entry ? Number(entry[0]) : 500;
}

export function renderOpenAIErrorBody(input: GatewayErrorInput): Record<string, unknown> {
  return {
    error: {
      message: input.message,
      type: input.type ?? openaiErrorTypeForStatus(input.status),
      code: input.code,
      param: null,
    },
  };
}

export function renderAnthropicErrorBody(input: Omit<GatewayErrorInput, 'code'>): Record<string, unknown> {
  return {
    type: 'error',
    error: { type: anthropicErrorTypeForStatus(input.status, input.type), message: input.message },
  };
}

export function renderGeminiErrorBody(input: Omit<GatewayErrorInput, 'code'>): Record<string, unknown> {
  return {
    error: { code: input.status, message: input.message, status: googleStatusForStatus(input.status) },
  };
}

const errorBodyRenderers: Record<Dialect, (input: GatewayErrorInput) => Record<string, unknown>> = {
  'openai-chat': renderOpenAIErrorBody,
  'openai-responses': renderOpenAIErrorBody,
  'anthropic-messages': renderAnthropicErrorBody,
  gemini: renderGeminiErrorBody,
};

/** A non-stream error response in the caller's dialect. */
export function renderGatewayError(dialect: Dialect, input: GatewayErrorInput): RenderedGatewayError {
  return {
    status: input.status,
    headers: { 'content-type': 'application/json' },
    body: errorBodyRenderers[dialect](input),
  };
}
