import { describe, expect, it } from 'vitest';
import { createApiClient, type SessionEndReason } from './api-client.js';
import type { ApiError } from './api-error.js';
import type { StoredTokens, TokenStore } from './token-store.js';

interface SeenRequest {
  url: string;
  method: string;
  authorization: string | undefined;
  body: unknown;
}

type Responder = (request: SeenRequest) => { status: number; body?: unknown };

function memoryTokens(initial: StoredTokens | null): TokenStore & { current: StoredTokens | null } {
  const store = {
    current: initial,
    read: () => store.current,
    write: (tokens: StoredTokens) => {
      store.current = tokens;
    },
    clear: () => {
      store.current = null;
    },
  };
  return store;
}

function fakeServer(responder: Responder) {
  const seen: SeenRequest[] = [];
  const fetchFake = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const request: SeenRequest = {
      url,
      method: init.method ?? 'GET',
      authorization: headers.authorization,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    seen.push(request);
    const { status, body } = responder(request);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { seen, fetchFake };
}

const errorBody = (code: string, message = code) => ({ error: { code, message } });

function setup(
  responder: Responder,
  initial: StoredTokens | null = { accessToken: 'a1', refreshToken: 'r1' },
) {
  const server = fakeServer(responder);
  const tokens = memoryTokens(initial);
  const ended: SessionEndReason[] = [];
  const client = createApiClient({
    fetch: server.fetchFake,
    tokens,
    onSessionEnded: (reason) => ended.push(reason),
  });
  return { client, tokens, ended, seen: server.seen };
}

describe('api client session handling', () => {
  it('refreshes once on 401, stores the rotated pair and retries with the new access token', async () => {
    const { client, tokens, ended, seen } = setup((request) => {
      if (request.url === '/api/auth/refresh')
        return { status: 200, body: { access_token: 'a2', refresh_token: 'r2' } };
      if (request.authorization === 'Bearer a2') return { status: 200, body: { id: 'usr_1' } };
      return { status: 401, body: errorBody('unauthorized') };
    });
    await expect(client.request({ path: '/api/auth/me' })).resolves.toEqual({ id: 'usr_1' });
    expect(seen.map((request) => `${request.url} ${request.authorization ?? '-'}`)).toEqual([
      '/api/auth/me Bearer a1',
      '/api/auth/refresh -',
      '/api/auth/me Bearer a2',
    ]);
    expect(seen[1].body).toEqual({ refresh_token: 'r1' });
    expect(tokens.current).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
    expect(ended).toEqual([]);
  });

  it('shares one refresh between concurrent 401s so the single-use refresh token is spent once', async () => {
    const { client, seen } = setup((request) => {
      if (request.url === '/api/auth/refresh')
        return { status: 200, body: { access_token: 'a2', refresh_token: 'r2' } };
      if (request.authorization === 'Bearer a2') return { status: 200, body: { ok: request.url } };
      return { status: 401, body: errorBody('unauthorized') };
    });
    const results = await Promise.all([client.request({ path: '/one' }), client.request({ path: '/two' })]);
    expect(results).toEqual([{ ok: '/one' }, { ok: '/two' }]);
    expect(seen.filter((request) => request.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session as expired when the refresh is refused', async () => {
    const { client, tokens, ended } = setup(() => ({
      status: 401,
      body: errorBody('unauthorized', 'Invalid or expired token'),
    }));
    await expect(client.request({ path: '/api/auth/me' })).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    expect(ended).toEqual(['expired']);
    expect(tokens.current).toBeNull();
  });

  it('ends the session as disabled on 403 user_disabled without trying a refresh', async () => {
    const { client, tokens, ended, seen } = setup(() => ({
      status: 403,
      body: errorBody('user_disabled', 'This account has been disabled'),
    }));
    const error = (await client
      .request({ path: '/api/admin/users' })
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('user_disabled');
    expect(error.message).toBe('This account has been disabled');
    expect(ended).toEqual(['disabled']);
    expect(tokens.current).toBeNull();
    expect(seen.some((request) => request.url === '/api/auth/refresh')).toBe(false);
  });

  it('reports a disabled user when the refresh itself answers user_disabled', async () => {
    const { client, ended } = setup((request) =>
      request.url === '/api/auth/refresh'
        ? { status: 403, body: errorBody('user_disabled') }
        : { status: 401, body: errorBody('unauthorized') },
    );
    await expect(client.request({ path: '/api/auth/me' })).rejects.toMatchObject({ status: 401 });
    expect(ended).toEqual(['disabled']);
  });

  it('leaves the session alone when an unauthenticated call such as login fails', async () => {
    const { client, tokens, ended, seen } = setup(
      () => ({ status: 401, body: errorBody('unauthorized', 'Invalid username or password') }),
      null,
    );
    await expect(
      client.request({
        method: 'POST',
        path: '/api/auth/login',
        body: { username: 'x', password: 'y' },
        authenticated: false,
      }),
    ).rejects.toMatchObject({ message: 'Invalid username or password' });
    expect(seen).toHaveLength(1);
    expect(ended).toEqual([]);
    expect(tokens.current).toBeNull();
  });

  it('exposes per-field messages from error.details.fields', async () => {
    const { client } = setup(() => ({
      status: 400,
      body: {
        error: {
          code: 'invalid_request',
          message: 'Invalid body',
          details: { fields: { password: 'must be at least 8 characters' } },
        },
      },
    }));
    const error = (await client
      .request({ method: 'POST', path: '/api/auth/signup', body: {}, authenticated: false })
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error.fieldErrors()).toEqual({ password: 'must be at least 8 characters' });
  });

  it('turns an unreachable server into a network_error ApiError', async () => {
    const tokens = memoryTokens(null);
    const client = createApiClient({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
      tokens,
      onSessionEnded: () => {},
    });
    await expect(client.request({ path: '/api/auth/me' })).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});
