import { z } from 'zod';

/** One way to reach llm-sim's chat completions: directly or through a gateway. */
export interface BenchTarget {
  name: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  model: string;
  /** Sends x-switchyard-overhead-ms and has /metrics. */
  isSwitchyard: boolean;
  baseUrl: string;
}

export type BenchMode = 'non-stream' | 'stream';

export function chatBody(model: string, mode: BenchMode): string {
  return JSON.stringify({
    model,
    messages: [{ role: 'user', content: 'Say hello.' }],
    max_tokens: 64,
    ...(mode === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

export const expectedText = 'Hello from llm-sim.';

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }),
});
const chunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).optional() })),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

/** One request per mode; throws unless the reply is a correct completion with usage. */
export async function verifyTarget(target: BenchTarget): Promise<{ overhead_header: string | null }> {
  let overheadHeader: string | null = null;
  for (const mode of ['non-stream', 'stream'] as const) {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: chatBody(target.model, mode),
    });
    const text = await response.text();
    const where = `${target.name} ${mode}`;
    if (response.status !== 200)
      throw new Error(`${where}: status ${response.status}: ${text.slice(0, 500)}`);
    overheadHeader ??= response.headers.get('x-switchyard-overhead-ms');
    if (target.isSwitchyard && overheadHeader === null)
      throw new Error(`${where}: no x-switchyard-overhead-ms header`);
    if (mode === 'non-stream') {
      const completion = completionSchema.parse(JSON.parse(text));
      if (completion.choices[0].message.content !== expectedText)
        throw new Error(`${where}: unexpected text ${completion.choices[0].message.content}`);
      continue;
    }
    const events = text
      .split('\n\n')
      .map((event) => event.trim())
      .filter((event) => event.startsWith('data: '))
      .map((event) => event.slice('data: '.length));
    if (events.at(-1) !== '[DONE]') throw new Error(`${where}: stream does not end with [DONE]`);
    const chunks = events.slice(0, -1).map((event) => chunkSchema.parse(JSON.parse(event)));
    const streamedText = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    if (streamedText !== expectedText) throw new Error(`${where}: streamed text ${streamedText}`);
    if (!chunks.some((chunk) => chunk.usage)) throw new Error(`${where}: no usage chunk`);
  }
  return { overhead_header: overheadHeader };
}
