import { agentApiPrefix, agentErrorCodes } from '@switchyard/protocol';
import type { z } from 'zod';

/** A non-2xx answer from /agent/v1 (status and the platform error code), or a reply that failed its schema. */
export class AgentApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'AgentApiError';
  }
}

export function isStaleAttemptError(error: unknown): boolean {
  return error instanceof AgentApiError && error.status === 409;
}

/** 4xx other than 408/429 will not get better by repeating the same request. */
export function isPermanentError(error: unknown): boolean {
  return (
    error instanceof AgentApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

export function isMachineTokenRejected(error: unknown): boolean {
  return (
    error instanceof AgentApiError &&
    (error.status === 401 || error.code === agentErrorCodes.machineTokenInvalid)
  );
}

export type AgentHttp = {
  post<Schema extends z.ZodType>(
    route: string,
    body: unknown,
    options: { reply: Schema; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<z.infer<Schema>>;
};

/** POSTs JSON to `<serverUrl>/agent/v1/<route>` with the machine token; every call has a timeout. */
export function createAgentHttp(options: {
  serverUrl: string;
  machineToken?: string;
  fetch?: typeof fetch;
}): AgentHttp {
  const base = options.serverUrl.replace(/\/+$/, '') + agentApiPrefix;
  const fetchImpl = options.fetch ?? fetch;
  return {
    async post(route, body, { reply, timeoutMs = 30_000, signal }) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await fetchImpl(`${base}/${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.machineToken ? { authorization: `Bearer ${options.machineToken}` } : {}),
        },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        // Kept as null: a proxy's HTML error page is reported by status below.
      }
      if (!response.ok) {
        const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
        throw new AgentApiError(
          response.status,
          error?.code ?? null,
          `${route}: ${response.status} ${error?.message ?? text.slice(0, 200)}`,
        );
      }
      const parsed = reply.safeParse(json);
      if (!parsed.success)
        throw new AgentApiError(
          response.status,
          'bad_reply',
          `${route}: unexpected reply ${parsed.error.message}`,
        );
      return parsed.data;
    },
  };
}
