/**
 * Channels accept a base URL the way either convention writes it: OpenAI-style SDKs include the
 * version (`https://api.openai.com/v1`), one-api style configs and the Anthropic and Gemini SDKs do not
 * (`https://api.openai.com`, `https://api.anthropic.com`). The adapters want one form per family, so a
 * bare host gets the OpenAI-style `/v1`, and a trailing version the Anthropic / Gemini adapters add
 * themselves is dropped. Any other path (`/compatible-mode/v1`, `/api/paas/v4`) is used as given.
 * Computed when a channel is loaded, never per request.
 */
export function effectiveBaseUrl(type: string, baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  let path: string;
  try {
    path = new URL(trimmed).pathname.replace(/\/+$/, '');
  } catch {
    return trimmed;
  }
  switch (type) {
    case 'openai':
    case 'openai-compatible':
      return path === '' ? `${trimmed}/v1` : trimmed;
    case 'anthropic':
      return trimmed.replace(/\/v1$/, '');
    case 'gemini':
      return trimmed.replace(/\/(v1beta|v1)$/, '');
    default:
      return trimmed;
  }
}
