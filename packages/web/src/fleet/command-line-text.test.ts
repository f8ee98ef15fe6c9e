import { describe, expect, it } from 'vitest';
import { formatCommandLine } from './command-line-text.js';

describe(formatCommandLine.name, () => {
  it('quotes arguments with spaces, quotes or shell characters only', () => {
    expect(formatCommandLine(['python', '-c', "print('a b')", '--out=/tmp/x.json', ''])).toBe(
      `python -c 'print('\\''a b'\\'')' --out=/tmp/x.json ''`,
    );
  });

  it('shows nothing for a task without a command', () => {
    expect(formatCommandLine(undefined)).toBe('');
  });
});
