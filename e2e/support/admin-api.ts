import { e2eAdmin, e2eBaseUrl } from './e2e-environment.js';

interface PublicUser {
  id: string;
  username: string;
  role: 'admin' | 'user';
  is_disabled: boolean;
}

async function callApi<T>(
  method: string,
  apiPath: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${e2eBaseUrl}${apiPath}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The admin's side of a scenario, driven through the public API as another client would. */
export async function adminApi() {
  const { access_token: token } = await callApi<{ access_token: string }>('POST', '/api/auth/login', {
    body: e2eAdmin,
  });
  return {
    async findUser(username: string): Promise<PublicUser> {
      const page = await callApi<{ items: PublicUser[] }>(
        'GET',
        `/api/admin/users?q=${encodeURIComponent(username)}`,
        { token },
      );
      const user = page.items.find((item) => item.username === username);
      if (!user) throw new Error(`user ${username} not found`);
      return user;
    },
    setDisabled: (userId: string, isDisabled: boolean) =>
      callApi<PublicUser>('PATCH', `/api/admin/users/${userId}`, {
        token,
        body: { is_disabled: isDisabled },
      }),
  };
}

export function signUpThroughApi(credentials: { username: string; password: string; email?: string }) {
  return callApi<{ user: PublicUser }>('POST', '/api/auth/signup', { body: credentials });
}
