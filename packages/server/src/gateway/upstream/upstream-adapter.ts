import type { Dialect } from '../usage/index.js';

/** Where and how to send one upstream request: absolute URL and the provider's auth headers. */
export interface UpstreamTarget {
  url: string;
  headers: Record<string, string>;
}

export interface UpstreamEndpointOptions {
  baseUrl: string;
  apiKey: string;
}

export interface GenerateTargetOptions extends UpstreamEndpointOptions {
  dialect: Dialect;
  upstreamModel: string;
  isStream: boolean;
}

/** What the gateway needs to know about one provider family; everything else is forwarded as is. */
export interface UpstreamAdapter {
  /** Dialects the provider speaks natively; a request in another dialect is translated to the first. */
  nativeDialects: readonly Dialect[];
  isEmbeddingsSupported: boolean;
  /** OpenAI-style streams: whether the gateway may add `stream_options.include_usage`. */
  isStreamUsageOptionSupported: boolean;
  /** Top-level request fields the provider rejects; dropped before forwarding. */
  unsupportedRequestFields: readonly string[];
  buildGenerateTarget(options: GenerateTargetOptions): UpstreamTarget;
  buildEmbeddingsTarget(options: UpstreamEndpointOptions): UpstreamTarget;
  /** Undefined where the provider has no token-counting endpoint (the gateway then estimates). */
  buildCountTokensTarget(options: UpstreamEndpointOptions): UpstreamTarget | undefined;
  buildModelListTarget(options: UpstreamEndpointOptions): UpstreamTarget;
  readModelIds(body: unknown): string[];
}

/** The `data[].id` list every OpenAI-style and Anthropic model endpoint returns. */
export function readDataModelIds(body: unknown): string[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry) => (typeof entry?.id === 'string' ? [entry.id as string] : []));
}
