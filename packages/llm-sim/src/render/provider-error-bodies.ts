// Error shapes and type names as each provider documents them.
// OpenAI: https://platform.openai.com/docs/guides/error-codes
// Anthropic: https://docs.anthropic.com/en/api/errors
// Gemini (google.rpc.Status): https://ai.google.dev/gemini-api/docs/troubleshooting

interface OpenAiErrorKind {
  type: string;
  code: string | null;
  message: string;
}

const openAiErrorKinds: Record<number, OpenAiErrorKind> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later',
  },
};

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  529: 'overloaded_error',
};

const geminiStatusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function renderOpenAiErrorBody(status: number, message?: string): unknown {
  const kind = openAiErrorKinds[status] ?? openAiErrorKinds[status >= 500 ? 500 : 400];
  return { error: { message: message ?? kind.message, type: kind.type, param: null, code: kind.code } };
}

export function renderAnthropicErrorBody(status: number, message?: string): unknown {
  const type = anthropicErrorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message: message ?? type.replace(/_/g, ' ') } };
}

export function renderGeminiErrorBody(status: number, message?: string): unknown {
  const statusName = geminiStatusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  return { error: { code: status, message: message ?? statusName.toLowerCase(), status: statusName } };
}

// A wrong Gemini key is answered 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not 401.
export function renderGeminiInvalidKeyBody(): unknown {
  return {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
      ],
    },
  };
}
