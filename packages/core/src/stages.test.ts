import { describe, expect, it } from 'vitest';
import { parseStages } from './stages.js';

describe('parseStages', () => {
  it('accepts increasing percentages ending at 100', () => {
    expect(parseStages(['5', '10', '25', '50', '100'])).toEqual([5, 10, 25, 50, 100]);
    expect(parseStages(['100'])).toEqual([100]);
  });
  it('names what is wrong', () => {
    expect(() => parseStages(['10', '5', '100'])).toThrow(
      /Input 'stages' has an invalid value "10,5,100": expected whole percentages from 1 to 100, strictly increasing/,
    );
    try {
      parseStages(['10', '5', '100']);
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe('Stage 2 (5%) does not increase on stage 1 (10%).');
    }
    expect(() => parseStages(['5', '50'])).toThrow(/ending at 100/);
    expect(() => parseStages(['0', '100'])).toThrow(/invalid value "0,100"/);
    expect(() => parseStages(['5', 'x', '100'])).toThrow(/invalid value/);
  });
});
