import { describe, expect, it } from 'vitest';
import { lineOffset } from '../../../web/format/text.ts';
import { speedLabel } from '../../../web/format/clock.ts';

describe('lineOffset (the editor puts the caret on an error line)', () => {
  const text = 'a: 1\nbb: 2\n\nccc: 3';
  it('finds where each 1-based line starts', () => {
    expect(lineOffset(text, 1)).toBe(0);
    expect(lineOffset(text, 2)).toBe(5);
    expect(lineOffset(text, 3)).toBe(11);
    expect(lineOffset(text, 4)).toBe(12);
  });
  it('a line past the end is the end of the text', () => {
    expect(lineOffset(text, 99)).toBe(text.length);
  });
});

describe('speedLabel', () => {
  it('names replay speeds in simulated time per second', () => {
    expect(speedLabel(10)).toBe('10 s/s');
    expect(speedLabel(300)).toBe('5 min/s');
    expect(speedLabel(3600)).toBe('1 h/s');
  });
});
