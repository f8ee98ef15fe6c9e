/** How a program's output is held against the answer; `checker` is handled by testlib-checker.ts. */
export type CompareMode =
  | { kind: 'tokens' }
  | { kind: 'trim_ws' }
  | { kind: 'exact' }
  | { kind: 'float'; epsilon: number }
  | { kind: 'checker' };

export type CompareOutcome = { ok: true } | { ok: false; diff: string };

const previewChars = 200;

/** Parses `tokens | trim_ws | exact | float:EPS | checker`. */
export function parseCompareMode(text: string): CompareMode {
  if (text === 'tokens' || text === 'trim_ws' || text === 'exact' || text === 'checker')
    return { kind: text };
  const float = /^float:([0-9.eE+-]+)$/.exec(text);
  const epsilon = float ? Number(float[1]) : Number.NaN;
  if (Number.isFinite(epsilon) && epsilon >= 0) return { kind: 'float', epsilon };
  throw new Error(`unknown compare mode "${text}" (tokens | trim_ws | exact | float:EPS | checker)`);
}

export function formatCompareMode(mode: CompareMode): string {
  return mode.kind === 'float' ? `float:${mode.epsilon}` : mode.kind;
}

/** Compares output with answer; on mismatch the diff names the first differing line or token. */
export function compareOutput(mode: CompareMode, output: string, answer: string): CompareOutcome {
  switch (mode.kind) {
    case 'exact':
      return compareLines(output.split('\n'), answer.split('\n'));
    case 'trim_ws':
      return compareLines(trimmedLines(output), trimmedLines(answer));
    case 'tokens':
      return compareTokens(output, answer, (a, b) => a === b);
    case 'float':
      return compareTokens(output, answer, (a, b) => tokensWithinTolerance(a, b, mode.epsilon));
    case 'checker':
      throw new Error('checker mode is judged by the testlib checker');
  }
}

// Line-wise trailing whitespace (CR included) is ignored, and so are trailing blank lines.
function trimmedLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function compareLines(output: string[], answer: string[]): CompareOutcome {
  const length = Math.max(output.length, answer.length);
  for (let index = 0; index < length; index++) {
    if (output[index] === answer[index]) continue;
    const got = output[index] === undefined ? '<end of output>' : JSON.stringify(clip(output[index]));
    const want = answer[index] === undefined ? '<end of answer>' : JSON.stringify(clip(answer[index]));
    return { ok: false, diff: `line ${index + 1}: expected ${want}, got ${got}` };
  }
  return { ok: true };
}

function compareTokens(output: string, answer: string, same: (got: string, want: string) => boolean) {
  const got = output.split(/\s+/).filter(Boolean);
  const want = answer.split(/\s+/).filter(Boolean);
  for (let index = 0; index < Math.max(got.length, want.length); index++) {
    if (got[index] !== undefined && want[index] !== undefined && same(got[index], want[index])) continue;
    const gotText = got[index] === undefined ? '<end of output>' : JSON.stringify(clip(got[index]));
    const wantText = want[index] === undefined ? '<end of answer>' : JSON.stringify(clip(want[index]));
    return { ok: false, diff: `token ${index + 1}: expected ${wantText}, got ${gotText}` } as const;
  }
  return { ok: true } as const;
}

// Absolute or relative error within epsilon, as testlib's doubleCompare; non-numbers must match exactly.
// The 1e-15 slack absorbs the binary rounding of decimal input (1.000001 - 1 is not exactly 1e-6).
function tokensWithinTolerance(got: string, want: string, epsilon: number): boolean {
  if (got === want) return true;
  const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!numberPattern.test(got) || !numberPattern.test(want)) return false;
  const a = Number(got);
  const b = Number(want);
  const error = Math.abs(a - b);
  return error <= epsilon + 1e-15 || error <= epsilon * Math.abs(b) + 1e-15;
}

function clip(text: string): string {
  return text.length > previewChars ? `${text.slice(0, previewChars)}…` : text;
}
