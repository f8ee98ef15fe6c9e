import { describe, expect, it } from 'vitest';
import { compareOutput, parseCompareMode } from './output-compare.js';

const tokens = parseCompareMode('tokens');
const trimWs = parseCompareMode('trim_ws');
const exact = parseCompareMode('exact');
const float6 = parseCompareMode('float:1e-6');

describe(compareOutput.name, () => {
  it('accepts CRLF line ends, extra spaces and a missing final newline in tokens mode', () => {
    expect(compareOutput(tokens, '1  2\r\n3', '1 2\n3\n').ok).toBe(true);
  });

  it('names the first differing token in tokens mode', () => {
    expect(compareOutput(tokens, '1 2 4', '1 2 3')).toEqual({
      ok: false,
      diff: 'token 3: expected "3", got "4"',
    });
    expect(compareOutput(tokens, '1 2', '1 2 3')).toEqual({
      ok: false,
      diff: 'token 3: expected "3", got <end of output>',
    });
  });

  it('ignores trailing spaces, CR and trailing blank lines in trim_ws mode but not inner spacing', () => {
    expect(compareOutput(trimWs, 'a b  \r\nc\r\n\r\n\n', 'a b\nc').ok).toBe(true);
    expect(compareOutput(trimWs, 'a  b\n', 'a b\n')).toEqual({
      ok: false,
      diff: 'line 1: expected "a b", got "a  b"',
    });
    expect(compareOutput(trimWs, ' a\n', 'a\n').ok).toBe(false);
  });

  it('requires byte equality in exact mode, CRLF and final newline included', () => {
    expect(compareOutput(exact, 'a\nb\n', 'a\nb\n').ok).toBe(true);
    expect(compareOutput(exact, 'a\r\nb\n', 'a\nb\n')).toEqual({
      ok: false,
      diff: 'line 1: expected "a", got "a\\r"',
    });
    expect(compareOutput(exact, 'a\nb', 'a\nb\n').ok).toBe(false);
  });

  it('accepts floats exactly at the tolerance edge and rejects just beyond it', () => {
    expect(compareOutput(float6, '1.000001', '1.0').ok).toBe(true);
    expect(compareOutput(float6, '0.999999', '1').ok).toBe(true);
    expect(compareOutput(float6, '1.0000011', '1.0').ok).toBe(false);
  });

  it('uses relative error for large floats and exact match for non-numbers', () => {
    expect(compareOutput(float6, '1000000.5', '1000000.0').ok).toBe(true);
    expect(compareOutput(float6, '1000003', '1000000').ok).toBe(false);
    expect(compareOutput(float6, 'YES 0.5', 'YES 0.5000001').ok).toBe(true);
    expect(compareOutput(float6, 'yes 0.5', 'YES 0.5').ok).toBe(false);
    expect(compareOutput(float6, 'nan', '0').ok).toBe(false);
  });
});

describe(parseCompareMode.name, () => {
  it('rejects unknown modes and negative epsilons', () => {
    expect(() => parseCompareMode('fuzzy')).toThrow(/unknown compare mode/);
    expect(() => parseCompareMode('float:-1')).toThrow(/unknown compare mode/);
    expect(parseCompareMode('float:1e-9')).toEqual({ kind: 'float', epsilon: 1e-9 });
  });
});
