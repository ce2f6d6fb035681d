import { DateTime, Settings } from 'luxon';
import { instantOfWallClock, isoWeekdayOfDay, localDayAt, offsetMinutesAt } from '../../domain/zone-clock';

const local = (iso: string): number => Date.parse(`${iso}Z`);
const utc = (value: number): string => new Date(value).toISOString();

describe('instantOfWallClock: wall-clock bounds under DST', () => {
  it.each([
    ['America/New_York', '2026-03-08T02:30:00', '2026-03-08T07:00:00.000Z', 'skipped: the change instant (03:00 EDT)'],
    ['America/New_York', '2026-11-01T01:30:00', '2026-11-01T05:30:00.000Z', 'repeated: first occurrence (EDT)'],
    ['America/New_York', '2026-11-01T02:00:00', '2026-11-01T07:00:00.000Z', 'just after the repeat: once (EST)'],
    ['Europe/Paris', '2026-03-29T02:15:00', '2026-03-29T01:00:00.000Z', 'skipped: 03:00 CEST'],
    ['Europe/Paris', '2026-10-25T02:30:00', '2026-10-25T00:30:00.000Z', 'repeated: first occurrence (CEST)'],
    ['Australia/Lord_Howe', '2026-10-04T02:15:00', '2026-10-03T15:30:00.000Z', 'skipped half hour: 02:30 +11'],
    ['Australia/Lord_Howe', '2026-04-05T01:45:00', '2026-04-04T14:45:00.000Z', 'repeated half hour: first (+11)'],
    ['Pacific/Chatham', '2026-09-27T03:00:00', '2026-09-26T14:00:00.000Z', 'skipped 02:45-03:45: 03:45 +13:45'],
    ['America/St_Johns', '2026-06-01T10:00:00', '2026-06-01T12:30:00.000Z', 'half-hour offset, summer'],
    ['Asia/Kolkata', '2026-06-01T10:00:00', '2026-06-01T04:30:00.000Z', 'no DST'],
    ['Asia/Jerusalem', '2027-03-26T02:30:00', '2027-03-26T00:00:00.000Z', 'skipped, change at 00:00Z: 03:00 IDT'],
    ['Asia/Jerusalem', '2027-10-31T01:30:00', '2027-10-30T22:30:00.000Z', 'repeated, change at 23:00Z: first'],
    ['Europe/Chisinau', '2027-03-28T02:30:00', '2027-03-28T00:00:00.000Z', 'skipped, change at 00:00Z: 03:00'],
    ['Europe/Chisinau', '2027-03-28T03:00:00', '2027-03-28T00:00:00.000Z', 'the first valid reading itself'],
  ])('given %s at local %s, then the instant is %s (%s)', (zone, wall, expected) => {
    expect(utc(instantOfWallClock(zone, local(wall)))).toBe(expected);
  });

  it('given luxon resolves a repeated time, then its answer moves with the current date (why we do not use it)', () => {
    const previous = Settings.now;
    try {
      const resolve = (): string | null =>
        DateTime.fromObject(
          { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
          { zone: 'America/New_York' },
        ).toISO();
      Settings.now = () => Date.parse('2026-01-15T00:00:00Z');
      const inWinter = resolve();
      Settings.now = () => Date.parse('2026-07-15T00:00:00Z');
      const inSummer = resolve();
      expect(inWinter).not.toBe(inSummer);
      expect(utc(instantOfWallClock('America/New_York', local('2026-11-01T01:30:00')))).toBe(
        '2026-11-01T05:30:00.000Z',
      );
    } finally {
      Settings.now = previous;
    }
  });
});

describe('offsets and local days', () => {
  it('given instants around the New York spring change, then the offset flips exactly at 07:00Z', () => {
    expect(offsetMinutesAt('America/New_York', Date.parse('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(offsetMinutesAt('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toBe(-240);
  });

  it('given 2026-06-01 (a Monday) in Auckland and Honolulu, then local days and weekdays differ across the date line', () => {
    const atMs = Date.parse('2026-06-01T20:00:00Z');
    expect(isoWeekdayOfDay(localDayAt('Pacific/Auckland', atMs))).toBe(2);
    expect(isoWeekdayOfDay(localDayAt('Pacific/Honolulu', atMs))).toBe(1);
  });
});
