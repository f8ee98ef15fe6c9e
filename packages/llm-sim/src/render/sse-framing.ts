// OpenAI chat completions (and the OpenAI-compatible vendors): `data: <json>\n\n`, ended by `data: [DONE]`.
export function frameDataEvent(payload: string): string {
  return `data: ${payload}\n\n`;
}

// Anthropic Messages and OpenAI Responses name every event on an `event:` line before its data.
// @see https://docs.anthropic.com/en/api/messages-streaming
export function frameNamedEvent(eventType: string, payload: string): string {
  return `event: ${eventType}\ndata: ${payload}\n\n`;
}

// Gemini `streamGenerateContent?alt=sse` ends each event with CRLF CRLF; @google/genai splits on
// '\n\n', '\r\r' and '\r\n\r\n', and other clients observed in the wild must handle the CRLF form.
export function frameGeminiEvent(payload: string): string {
  return `data: ${payload}\r\n\r\n`;
}

export const openAiDoneEvent = 'data: [DONE]\n\n';
