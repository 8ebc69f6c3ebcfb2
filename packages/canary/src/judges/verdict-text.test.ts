import { describe, expect, it } from 'vitest';
import { ms, notEnoughData, percent, percents, points, ratioFromLog, relative, stat } from './verdict-text.js';

describe('percent', () => {
  it('shows one decimal, more for small non-zero rates, and n/a for no rate', () => {
    expect([percent(0.098), percent(0.05), percent(0), percent(0.0004), percent(Number.NaN)]).toEqual([
      '9.8%',
      '5.0%',
      '0.0%',
      '0.04%',
      'n/a',
    ]);
  });
});

describe('percents', () => {
  it('adds decimals until two different rates read differently', () => {
    expect(percents(0.0504, 0.05)).toEqual(['5.04%', '5.00%']);
    expect(percents(0.098, 0.05)).toEqual(['9.8%', '5.0%']);
    expect(percents(0.05, 0.05)).toEqual(['5.0%', '5.0%']);
  });
});

describe('points, relative, ms', () => {
  it('formats differences, shares and latencies', () => {
    expect([points(0.009), points(-0.001), points(0.0004)]).toEqual(['0.9 points', '0.1 points', '0.04 points']);
    expect([relative(0.1), relative(0.025), relative(-0.3)]).toEqual(['10%', '2.5%', '30%']);
    expect([ms(260.4), ms(12.5), ms(12), ms(Number.NaN)]).toEqual(['260 ms', '12.5 ms', '12 ms', 'n/a']);
  });
});

describe('stat and ratioFromLog', () => {
  it('gives three significant digits, exponents when huge or tiny, and never overflows', () => {
    expect([stat(0.5551), stat(1840), stat(232531), stat(0.0002), stat(0)]).toEqual([
      '0.555',
      '1840',
      '2.3e+5',
      '2.0e-4',
      '0',
    ]);
    expect(ratioFromLog(Math.log(125))).toBe('125');
    expect(ratioFromLog(812.4)).toBe('e^812');
  });
});

describe('notEnoughData', () => {
  it('names the sides that fall short', () => {
    expect(notEnoughData([{ side: 'canary', count: 12 }], 50)).toBe('not enough data: 12 canary requests, 50 needed');
    expect(
      notEnoughData(
        [
          { side: 'canary', count: 12 },
          { side: 'stable', count: 30 },
        ],
        50,
      ),
    ).toBe('not enough data: 12 canary and 30 stable requests, 50 needed each');
    expect(() => notEnoughData([], 50)).toThrow('notEnoughData needs at least one side that falls short.');
  });
});
