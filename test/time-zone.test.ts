import { describe, expect, test } from 'vitest';
import { afternoonZone } from './support/time-zone';

const localHour = (at: number, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));

describe('afternoonZone (the e2e tests’ time zone)', () => {
  test('whatever the UTC hour, it is 13:xx there', () => {
    const midnight = Date.UTC(2026, 10, 24);
    for (let h = 0; h < 24; h++) {
      const at = midnight + h * 3_600_000 + 59 * 60_000;
      const zone = afternoonZone(at);
      expect(zone).toMatch(/^Etc\/(UTC|GMT[+-]\d{1,2})$/);
      expect(localHour(at, zone), `${h}:59 UTC in ${zone}`).toBe(13);
    }
  });
});
