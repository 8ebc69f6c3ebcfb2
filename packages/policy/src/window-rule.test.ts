import { describe, expect, it } from 'vitest';
import { parseDeployWindows } from './deploy-window.js';
import { parseFreezePeriods } from './freeze-period.js';
import { checkWindows, type WindowPolicy } from './window-rule.js';

const policy: WindowPolicy = {
  timeZone: 'Europe/Berlin',
  windows: parseDeployWindows('Mon-Fri 09:00-17:00; Sat 10:00-12:00'),
  freezes: parseFreezePeriods('12-24..01-02 Holidays'),
};
const at = (iso: string) => Date.parse(iso);

describe('checkWindows', () => {
  it('passes inside a window and names it', () => {
    const result = checkWindows(policy, at('2026-07-01T08:00:00Z'));
    expect(result).toMatchObject({ rule: 'window', status: 'passed', breakGlass: undefined });
    expect(result.reason).toBe(
      "Wed 2026-07-01 10:00 Europe/Berlin: inside the window 'Mon-Fri 09:00-17:00' and no freeze applies.",
    );
  });

  it('blocks outside every window and lists them', () => {
    const result = checkWindows(policy, at('2026-07-05T08:00:00Z'));
    expect(result.status).toBe('blocked');
    expect(result.reason).toBe(
      'Sun 2026-07-05 10:00 Europe/Berlin is outside the deploy windows (Mon-Fri 09:00-17:00; Sat 10:00-12:00).',
    );
  });

  it('blocks inside a freeze even when a window is open', () => {
    const result = checkWindows(policy, at('2026-12-29T10:00:00Z'));
    expect(result.status).toBe('blocked');
    expect(result.reason).toContain("inside the freeze 'Holidays' (until the end of 2027-01-02 Europe/Berlin)");
  });

  it('lets break-glass with a reason through, and records it', () => {
    const result = checkWindows(policy, at('2026-12-29T10:00:00Z'), {
      source: 'input break-glass',
      reason: ' INC-42 outage fix ',
    });
    expect(result.status).toBe('overridden');
    expect(result.breakGlass).toEqual({ source: 'input break-glass', reason: 'INC-42 outage fix' });
    expect(result.reason).toContain('overridden by break-glass (input break-glass): INC-42 outage fix');
  });

  it('does not let break-glass without a reason through', () => {
    for (const reason of [undefined, '', '   ']) {
      const result = checkWindows(policy, at('2026-07-05T08:00:00Z'), { source: 'label break-glass', reason });
      expect(result.status).toBe('blocked');
      expect(result.breakGlass).toBeUndefined();
      expect(result.reason).toContain(
        'break-glass (label break-glass) was asked for without a reason, so it does not apply',
      );
    }
  });

  it('passes at any time outside freezes when no window is set, and says break-glass was not needed', () => {
    const result = checkWindows({ ...policy, windows: [] }, at('2026-07-05T03:00:00Z'), {
      source: 'input break-glass',
      reason: 'x',
    });
    expect(result.status).toBe('passed');
    expect(result.breakGlass).toBeUndefined();
    expect(result.reason).toContain('no deploy windows are set and no freeze applies (break-glass was not needed)');
  });
});
