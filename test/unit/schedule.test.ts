import { loadTimezoneTable } from '../../config/timezone-table';
import { ScheduleRuleError } from '../../domain/errors';
import type { AttemptRecord, SchedulePolicy } from '../../domain/order';
import {
  checkZoneOverlap,
  firstAttemptAt,
  isOpenAt,
  nextAttemptAt,
  nextOpenInstant,
  planAttempts,
  windowAt,
} from '../../domain/schedule';
import { buildSchedulePolicy, type CallRetryConfigLike } from '../../domain/windows';
import { resolveZones, zonesOrAskForTimezone } from '../../domain/zones';

const table = loadTimezoneTable();
const ms = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad ISO in test: ${iso}`);
  return value;
};
const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());

function policyFor(
  phone: string,
  config: CallRetryConfigLike = {},
  extra: Partial<SchedulePolicy> = {},
): SchedulePolicy {
  const zones = zonesOrAskForTimezone(resolveZones(phone, table, config.timezone), phone);
  return { ...buildSchedulePolicy({ retryConfig: config, zones, forceNow: false, scheduledAtMs: null }), ...extra };
}

describe("first attempt of a default order (10:00-18:00), by the number's area code", () => {
  it.each([
    ['New York +1 212', '+12125550100', '2026-06-01T12:00:00Z', '2026-06-01T14:00:00.000Z'],
    ['Chicago +1 312', '+13125550100', '2026-06-01T12:00:00Z', '2026-06-01T15:00:00.000Z'],
    ['Denver +1 303', '+13035550100', '2026-06-01T12:00:00Z', '2026-06-01T16:00:00.000Z'],
    ['Los Angeles +1 415', '+14155550100', '2026-06-01T12:00:00Z', '2026-06-01T17:00:00.000Z'],
    [
      'Phoenix +1 602 in summer (no DST: same as LA)',
      '+16025550100',
      '2026-06-01T12:00:00Z',
      '2026-06-01T17:00:00.000Z',
    ],
    ['Phoenix +1 623 in winter (same as Denver)', '+16235550100', '2026-01-15T12:00:00Z', '2026-01-15T17:00:00.000Z'],
    ['Denver +1 303 in winter', '+13035550100', '2026-01-15T12:00:00Z', '2026-01-15T17:00:00.000Z'],
    ['Montreal overlay +1 438', '+14385550100', '2026-06-01T12:00:00Z', '2026-06-01T14:00:00.000Z'],
    ['Alberta overlay +1 825', '+18255550100', '2026-06-01T12:00:00Z', '2026-06-01T16:00:00.000Z'],
    ["St John's +1 709 in summer (UTC-2:30)", '+17097221234', '2026-06-01T12:00:00Z', '2026-06-01T12:30:00.000Z'],
    ["St John's +1 709 in winter (UTC-3:30)", '+17097221234', '2026-01-15T12:00:00Z', '2026-01-15T13:30:00.000Z'],
    [
      'Perth and Adelaide +61 8 in June: both open from Perth 10:00',
      '+61891234567',
      '2026-06-01T00:00:00Z',
      '2026-06-01T02:00:00.000Z',
    ],
    [
      'Australian mobile +61 4 in January: open once Perth reaches 10:00, Sydney then at 13:00 (AEDT)',
      '+61412345678',
      '2027-01-15T00:00:00Z',
      '2027-01-15T02:00:00.000Z',
    ],
    [
      'Brisbane +61 7 3210 in January (Queensland keeps no DST, unlike Sydney)',
      '+61732101234',
      '2027-01-15T20:00:00Z',
      '2027-01-16T00:00:00.000Z',
    ],
    ['French mobile +33 6 (country row)', '+33612345678', '2026-06-01T05:00:00Z', '2026-06-01T08:00:00.000Z'],
    ['German mobile +49 151 (country row)', '+4915112345678', '2026-01-15T05:00:00Z', '2026-01-15T09:00:00.000Z'],
  ])(
    'given a %s number, when the order is placed, then the first attempt is at 10:00 local',
    (_name, phone, now, expected) => {
      expect(iso(firstAttemptAt(policyFor(phone), ms(now)))).toBe(expected);
    },
  );

  it('given +61 8 in June, then the common window closes when Adelaide reaches 18:00 (08:30Z)', () => {
    const policy = policyFor('+61891234567');
    expect(isOpenAt(policy, ms('2026-06-01T08:29:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-06-01T08:30:00Z'))).toBe(false);
    expect(isOpenAt(policy, ms('2026-06-01T01:00:00Z'))).toBe(false);
  });
});

describe('windows crossing midnight and allowed days', () => {
  const paris = (config: CallRetryConfigLike): SchedulePolicy =>
    policyFor('+33612345678', {
      calling_windows: [{ calling_window_start_time: '22:00', calling_window_end_time: '02:00' }],
      ...config,
    });

  it('given a Paris 22:00-02:00 window, when placed at 14:00 local, then the attempt is at 22:00 local', () => {
    expect(iso(firstAttemptAt(paris({}), ms('2026-06-01T12:00:00Z')))).toBe('2026-06-01T20:00:00.000Z');
  });

  it('given the window allowed on Mondays only, then it stays open after midnight and the Tuesday one is closed', () => {
    const policy = paris({ allowed_days: ['monday'] });
    expect(isOpenAt(policy, ms('2026-06-01T23:30:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-06-02T00:00:00Z'))).toBe(false);
    expect(iso(nextOpenInstant(policy, ms('2026-06-02T21:00:00Z')))).toBe('2026-06-08T20:00:00.000Z');
  });

  it('given weekdays only in New York, when placed on a Saturday, then the first attempt is on Monday 10:00', () => {
    const policy = policyFor('+12125550100', {
      allowed_days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    });
    expect(iso(firstAttemptAt(policy, ms('2026-06-06T15:00:00Z')))).toBe('2026-06-08T14:00:00.000Z');
  });

  it('given 12am-12pm in New York, when placed at 13:00 local, then the next attempt is at midnight local', () => {
    const policy = policyFor('+12125550100', {
      calling_windows: [{ calling_window_start_time: '12am', calling_window_end_time: '12pm' }],
    });
    expect(iso(firstAttemptAt(policy, ms('2026-06-01T17:00:00Z')))).toBe('2026-06-02T04:00:00.000Z');
    expect(isOpenAt(policy, ms('2026-06-02T15:59:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-06-02T16:00:00Z'))).toBe(false);
  });

  it('given two windows, then the union is open and the gap between them closed', () => {
    const policy = policyFor('+12125550100', {
      calling_windows: [
        { calling_window_start_time: '9am', calling_window_end_time: '11am' },
        { calling_window_start_time: '14:00', calling_window_end_time: '24:00' },
      ],
    });
    expect(iso(nextOpenInstant(policy, ms('2026-06-01T15:30:00Z')))).toBe('2026-06-01T18:00:00.000Z');
    expect(isOpenAt(policy, ms('2026-06-02T03:59:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-06-02T04:00:00Z'))).toBe(false);
  });
});

describe('DST: bounds are wall clock, resolved per day', () => {
  const newYork = (start: string, end: string): SchedulePolicy =>
    policyFor('+12125550100', {
      calling_windows: [{ calling_window_start_time: start, calling_window_end_time: end }],
    });

  it('given a 02:30 start on 2026-03-08 (02:00 → 03:00), then the window opens at 03:00 EDT, the first valid instant', () => {
    expect(iso(nextOpenInstant(newYork('02:30', '06:00'), ms('2026-03-08T05:00:00Z')))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('given a 02:30 end on 2026-03-08, then the window closes at 03:00 EDT', () => {
    const policy = newYork('00:00', '02:30');
    expect(isOpenAt(policy, ms('2026-03-08T06:59:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-03-08T07:00:00Z'))).toBe(false);
  });

  it('given a 01:30 start on 2026-11-01 (01:00-02:00 repeated), then the window opens at the first 01:30 (EDT)', () => {
    const policy = newYork('01:30', '04:00');
    expect(iso(nextOpenInstant(policy, ms('2026-11-01T04:00:00Z')))).toBe('2026-11-01T05:30:00.000Z');
    expect(isOpenAt(policy, ms('2026-11-01T06:10:00Z'))).toBe(true);
  });

  it('given a 01:30 end on 2026-11-01, then the window closes at the first 01:30 and stays closed in the repeat', () => {
    const policy = newYork('20:00', '01:30');
    expect(isOpenAt(policy, ms('2026-11-01T05:29:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-11-01T05:30:00Z'))).toBe(false);
    expect(isOpenAt(policy, ms('2026-11-01T06:10:00Z'))).toBe(false);
    expect(iso(nextOpenInstant(policy, ms('2026-11-01T05:30:00Z')))).toBe('2026-11-02T01:00:00.000Z');
  });

  it('given a 02:30 start in Paris on 2026-10-25 (03:00 → 02:00), then it opens at the first 02:30 (CEST)', () => {
    const policy = policyFor('+33612345678', {
      calling_windows: [{ calling_window_start_time: '02:30', calling_window_end_time: '05:00' }],
    });
    expect(iso(nextOpenInstant(policy, ms('2026-10-24T23:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(isOpenAt(policy, ms('2026-10-25T01:15:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-10-25T03:59:00Z'))).toBe(true);
    expect(isOpenAt(policy, ms('2026-10-25T04:00:00Z'))).toBe(false);
  });
});

describe('retries', () => {
  const failed = (startIso: string, endIso: string = startIso): AttemptRecord => ({
    startedAtMs: ms(startIso),
    endedAtMs: ms(endIso),
    reachedHuman: false,
  });

  it('given an attempt at 17:00 in New York, when the 2 h delay ends after 18:00, then the retry is the next day at 10:00', () => {
    const policy = policyFor('+12125550100');
    expect(iso(nextAttemptAt(policy, [failed('2026-06-01T21:00:00Z', '2026-06-01T21:10:00Z')]))).toBe(
      '2026-06-02T14:00:00.000Z',
    );
  });

  it('given an attempt at 10:00, then the retry is 2 h after its end, within the same window', () => {
    const policy = policyFor('+12125550100');
    expect(iso(nextAttemptAt(policy, [failed('2026-06-01T14:00:00Z', '2026-06-01T14:03:00Z')]))).toBe(
      '2026-06-01T16:03:00.000Z',
    );
  });

  it('given windows with different delays, then the delay is the one of the window the attempt started in', () => {
    const policy = policyFor('+12125550100', {
      calling_windows: [
        { calling_window_start_time: '09:00', calling_window_end_time: '12:00', retry_delay_seconds: 600 },
        { calling_window_start_time: '12:00', calling_window_end_time: '20:00', retry_delay_seconds: 3600 },
      ],
    });
    expect(windowAt(policy, ms('2026-06-01T13:30:00Z'))?.retryDelaySeconds).toBe(600);
    expect(iso(nextAttemptAt(policy, [failed('2026-06-01T13:30:00Z')]))).toBe('2026-06-01T13:40:00.000Z');
    expect(iso(nextAttemptAt(policy, [failed('2026-06-01T17:00:00Z')]))).toBe('2026-06-01T18:00:00.000Z');
  });

  it('given overlapping windows and allowed_days, then the delay is of the window that was open on an allowed day', () => {
    // Saturday 01:00 New York: the Friday 22:00-02:00 run is closed (Friday not allowed); 00:00-06:00 is open.
    const policy = policyFor('+12125550100', {
      calling_windows: [
        { calling_window_start_time: '22:00', calling_window_end_time: '02:00', retry_delay_seconds: 60 },
        { calling_window_start_time: '00:00', calling_window_end_time: '06:00', retry_delay_seconds: 3600 },
      ],
      allowed_days: ['saturday'],
    });
    expect(windowAt(policy, ms('2027-06-05T05:00:00Z'))?.retryDelaySeconds).toBe(3600);
    expect(iso(nextAttemptAt(policy, [failed('2027-06-05T05:00:00Z', '2027-06-05T05:00:00Z')]))).toBe(
      '2027-06-05T06:00:00.000Z',
    );
  });

  it('given a multi-zone number, then the delay is of the window open in every zone, not in the first zone alone', () => {
    // 02:45Z in June: 10:45 in Perth (09-12 window) but 12:15 in Adelaide (12-20 window); only 09-12 holds in Perth
    // and 12-20 only in Adelaide, so no window holds in both: the first window's delay applies. At 04:00Z (12:00
    // Perth, 13:30 Adelaide) the 12-20 window holds in both.
    const policy = policyFor('+61891234567', {
      calling_windows: [
        { calling_window_start_time: '09:00', calling_window_end_time: '12:00', retry_delay_seconds: 600 },
        { calling_window_start_time: '12:00', calling_window_end_time: '20:00', retry_delay_seconds: 86_400 },
      ],
    });
    expect(windowAt(policy, ms('2026-06-01T02:45:00Z'))).toBeNull();
    expect(windowAt(policy, ms('2026-06-01T04:00:00Z'))?.retryDelaySeconds).toBe(86_400);
  });

  it('given a Sunday-only window that a spring-forward night empties, then the order waits a fortnight, not forever', () => {
    // Chisinau, 2027-03-28: 02:00 → 03:00, so the 02:00-02:15 window does not exist that Sunday.
    const policy = policyFor('+37322123456', {
      timezone: 'Europe/Chisinau',
      calling_windows: [{ calling_window_start_time: '02:00', calling_window_end_time: '02:15' }],
      allowed_days: ['sunday'],
    });
    expect(iso(nextOpenInstant(policy, ms('2027-03-21T00:15:00Z')))).toBe('2027-04-03T23:00:00.000Z');
  });

  it('given call_twice_in_a_row, then attempt #2 follows #1 at once and #3 waits the delay', () => {
    const policy = policyFor('+12125550100', { call_twice_in_a_row: true });
    const first = failed('2026-06-01T14:00:00Z', '2026-06-01T14:05:00Z');
    expect(iso(nextAttemptAt(policy, [first]))).toBe('2026-06-01T14:05:00.000Z');
    expect(iso(nextAttemptAt(policy, [first, failed('2026-06-01T14:05:00Z', '2026-06-01T14:06:00Z')]))).toBe(
      '2026-06-01T16:06:00.000Z',
    );
  });

  it('given call_twice_in_a_row and #1 ending after the window, then #2 still waits for an open window', () => {
    const policy = policyFor('+12125550100', { call_twice_in_a_row: true });
    expect(iso(nextAttemptAt(policy, [failed('2026-06-01T21:50:00Z', '2026-06-01T22:01:00Z')]))).toBe(
      '2026-06-02T14:00:00.000Z',
    );
  });

  it('given max_retry_attempts 3, when three attempts failed, then there is no fourth', () => {
    const policy = policyFor('+12125550100');
    const history = [failed('2026-06-01T14:00:00Z'), failed('2026-06-01T16:00:00Z'), failed('2026-06-01T18:00:00Z')];
    expect(nextAttemptAt(policy, history)).toBeNull();
    expect(nextAttemptAt(policy, history.slice(0, 2))).not.toBeNull();
  });

  it('given an attempt that reached a human, then there is no retry', () => {
    const policy = policyFor('+12125550100');
    expect(nextAttemptAt(policy, [{ ...failed('2026-06-01T14:00:00Z'), reachedHuman: true }])).toBeNull();
  });

  it('given no attempt yet, when asked for the next one, then it refuses (use firstAttemptAt)', () => {
    expect(() => nextAttemptAt(policyFor('+12125550100'), [])).toThrow(RangeError);
  });
});

describe('force_now, scheduled_at, skip_calling_window and the plan', () => {
  it("given force_now at 03:00 local, then #1 is now and #2 uses the first window's delay inside a window", () => {
    const policy = policyFor('+12125550100', {}, { forceNow: true, scheduledAtMs: ms('2026-07-01T00:00:00Z') });
    expect(planAttempts(policy, ms('2026-06-01T07:00:00Z')).map(iso)).toEqual([
      '2026-06-01T07:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T16:00:00.000Z',
    ]);
  });

  it('given scheduled_at in the future, then the first attempt is the first open instant after it', () => {
    const policy = policyFor('+12125550100', {}, { scheduledAtMs: ms('2026-06-03T22:30:00Z') });
    expect(iso(firstAttemptAt(policy, ms('2026-06-01T12:00:00Z')))).toBe('2026-06-04T14:00:00.000Z');
  });

  it('given skip_calling_window, then attempts ignore windows but keep the delays', () => {
    const policy = policyFor('+12125550100', { skip_calling_window: true, max_retry_attempts: 2 });
    expect(planAttempts(policy, ms('2026-06-01T07:00:00Z')).map(iso)).toEqual([
      '2026-06-01T07:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
    ]);
  });

  it('given max_retry_attempts 5, then the plan has five attempts, and a smaller count caps it', () => {
    const policy = policyFor('+12125550100', { max_retry_attempts: 5 });
    expect(planAttempts(policy, ms('2026-06-01T12:00:00Z'))).toHaveLength(5);
    expect(planAttempts(policy, ms('2026-06-01T12:00:00Z'), 2)).toHaveLength(2);
    expect(planAttempts(policy, ms('2026-06-01T12:00:00Z'), 9)).toHaveLength(5);
  });
});

describe('zones that never share an open window', () => {
  it('given a toll-free +1 800 number (all of NANP), when placed, then it asks for call_retry_config.timezone', () => {
    const policy = policyFor('+18005551234');
    expect(policy.zones.length).toBeGreaterThan(10);
    expect(() => {
      checkZoneOverlap(policy, ms('2026-06-01T12:00:00Z'));
    }).toThrow(ScheduleRuleError);
    try {
      checkZoneOverlap(policy, ms('2026-06-01T12:00:00Z'));
    } catch (error) {
      expect((error as ScheduleRuleError).path).toEqual(['call_retry_config', 'timezone']);
    }
  });

  it('given a Russian mobile +7 9 (every zone from Kaliningrad to Anadyr), then it asks for a timezone', () => {
    const policy = policyFor('+79161234567');
    expect(policy.zones).toContain('Asia/Vladivostok');
    expect(() => {
      checkZoneOverlap(policy, ms('2026-06-01T12:00:00Z'));
    }).toThrow(ScheduleRuleError);
  });

  it('given +61 8 (Perth and Adelaide), then the overlap check passes', () => {
    expect(() => {
      checkZoneOverlap(policyFor('+61891234567'), ms('2026-06-01T12:00:00Z'));
    }).not.toThrow();
  });

  it('given the same +1 800 number with a timezone, then the override wins and the check passes', () => {
    const policy = policyFor('+18005551234', { timezone: 'America/Chicago' });
    expect(policy.zones).toEqual(['America/Chicago']);
    expect(() => {
      checkZoneOverlap(policy, ms('2026-06-01T12:00:00Z'));
    }).not.toThrow();
  });
});
