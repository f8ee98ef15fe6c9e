import { describe, expect, it } from 'vitest';
import { parseKeyValueLines } from './key-value-lines.js';

describe(parseKeyValueLines.name, () => {
  it('splits on the first equals sign and skips blank lines', () => {
    expect(parseKeyValueLines('A=1\n\nB=x=y\r\nC=')).toEqual({
      values: { A: '1', B: 'x=y', C: '' },
      invalidLines: [],
    });
  });

  it('reports lines without a key as invalid by line number', () => {
    expect(parseKeyValueLines('GOOD=1\nnot a pair\n=value')).toEqual({
      values: { GOOD: '1' },
      invalidLines: [2, 3],
    });
  });

  it('accepts comma-separated labels only when asked', () => {
    expect(parseKeyValueLines('gpu=h100, zone=a\nrack=7', { allowsCommas: true }).values).toEqual({
      gpu: 'h100',
      zone: 'a',
      rack: '7',
    });
    expect(parseKeyValueLines('X=a,b').values).toEqual({ X: 'a,b' });
  });
});
