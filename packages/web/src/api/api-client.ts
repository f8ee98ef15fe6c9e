import { ApiError, apiErrorFromBody, networkErrorCode } from './api-error.js';
import type { StoredTokens, TokenStore } from './token-store.js';

export type SessionEndReason = 'disabled' | 'expired';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** false for the login/signup/refresh calls, which carry no bearer token. */
  authenticated?: boolean;
}

export interface ApiClient {
  request<T>(request: ApiRequest): Promise<T>;
  /** Stores the pair from login/signup/refresh. */
  startSession(tokens: { access_token: string; refresh_token: string }): void;
  endSession(): void;
  hasSession(): boolean;
  refreshToken(): string | null;
}

export interface ApiClientDeps {
  fetch: typeof fetch;
  tokens: TokenStore;
  /** Called once when the server ends the session: the user was disabled or the refresh failed. */
  onSessionEnded(reason: SessionEndReason): void;
  baseUrl?: string;
}

interface TokenPairBody {
  access_token: string;
  refresh_token: string;
}

function buildUrl(baseUrl: string, path: string, query: ApiRequest['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const baseUrl = deps.baseUrl ?? '';
  // Concurrent 401s share one refresh: a refresh token is single-use, a second rotation would revoke the family.
  let refreshInFlight: Promise<boolean> | null = null;

  async function send(request: ApiRequest, accessToken: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    try {
      return await deps.fetch(buildUrl(baseUrl, request.path, request.query), {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
    } catch {
      throw new ApiError({ status: 0, code: networkErrorCode, message: 'Cannot reach the server' });
    }
  }

  function endSession(reason: SessionEndReason) {
    deps.tokens.clear();
    deps.onSessionEnded(reason);
  }

  async function refreshOnce(stale: StoredTokens): Promise<boolean> {
    const response = await send(
      { method: 'POST', path: '/api/auth/refresh', body: { refresh_token: stale.refreshToken } },
      undefined,
    );
    const body = await readBody(response);
    if (response.ok) {
      const pair = body as TokenPairBody;
      deps.tokens.write({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
      return true;
    }
    endSession(apiErrorFromBody(response.status, body).code === 'user_disabled' ? 'disabled' : 'expired');
    return false;
  }

  function refresh(stale: StoredTokens): Promise<boolean> {
    refreshInFlight ??= refreshOnce(stale).finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function perform<T>(request: ApiRequest, isRetry = false): Promise<T> {
    const authenticated = request.authenticated ?? true;
    const tokens = authenticated ? deps.tokens.read() : null;
    const response = await send(request, tokens?.accessToken);
    const body = await readBody(response);
    if (response.ok) return body as T;
    const error = apiErrorFromBody(response.status, body);
    if (!authenticated) throw error;
    if (error.code === 'user_disabled') {
      endSession('disabled');
      throw error;
    }
    if (response.status === 401 && tokens && !isRetry) {
      // Another request may have rotated the pair meanwhile; then retrying with the new token is enough.
      const current = deps.tokens.read();
      const isRotated = current !== null && current.accessToken !== tokens.accessToken;
      if (isRotated || (await refresh(tokens))) return perform<T>(request, true);
    } else if (response.status === 401 && tokens) {
      endSession('expired');
    }
    throw error;
  }

  return {
    request: (options) => perform(options),
    startSession(pair) {
      deps.tokens.write({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    },
    endSession() {
      deps.tokens.clear();
    },
    hasSession: () => deps.tokens.read() !== null,
    refreshToken: () => deps.tokens.read()?.refreshToken ?? null,
  };
}
