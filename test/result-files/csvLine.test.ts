import { describe, expect, it } from 'vitest';
import { csvLine } from '../../functions/result-files/csvLine.ts';

describe('csvLine (RFC 4180)', () => {
  it.each([
    { values: ['plain', 'two words'], line: 'plain,two words\n' },
    { values: ['a,b'], line: '"a,b"\n' },
    { values: ['say "hi"'], line: '"say ""hi"""\n' },
    { values: ['line\nbreak', 'cr\r'], line: '"line\nbreak","cr\r"\n' },
    { values: [' padded', 'trailing '], line: '" padded","trailing "\n' },
    { values: [null, '', 0, -1.5, 1e21, true, false], line: ',,0,-1.5,1e+21,true,false\n' },
  ])('$values → $line', ({ values, line }) => {
    expect(csvLine(values)).toBe(line);
  });
});
