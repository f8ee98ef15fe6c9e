export interface KeyValueParse {
  values: Record<string, string>;
  /** 1-based numbers of non-blank lines without a `key=value` shape. */
  invalidLines: number[];
}

/**
 * `KEY=value` pairs, one per line or separated by commas (labels); the first `=` splits, so values may
 * contain `=`. Blank lines are ignored and a repeated key keeps its last value, as a shell would.
 */
export function parseKeyValueLines(text: string, options: { allowsCommas?: boolean } = {}): KeyValueParse {
  const values: Record<string, string> = {};
  const invalidLines: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const entries = options.allowsCommas ? line.split(',') : [line];
    for (const entry of entries) {
      const trimmed = entry.trim();
      if (!trimmed) continue;
      const equals = trimmed.indexOf('=');
      if (equals <= 0) {
        invalidLines.push(index + 1);
        continue;
      }
      values[trimmed.slice(0, equals).trim()] = trimmed.slice(equals + 1).trim();
    }
  });
  return { values, invalidLines: [...new Set(invalidLines)] };
}
