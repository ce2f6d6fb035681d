import { IANAZone } from 'luxon';

/**
 * Wall-clock arithmetic in IANA zones, on epoch milliseconds, independent of the host's `TZ`.
 *
 * "Local ms" below is a wall-clock reading written as if it were UTC: local 2026-03-08 02:30 is
 * `Date.UTC(2026, 2, 8, 2, 30)`. Local day numbers count days since 1970-01-01 on that scale.
 *
 * NOTE: luxon's `DateTime.fromObject` is not used to resolve wall-clock bounds: for a time inside a repeated hour it
 * picks an occurrence from the offset *now* (so the result depends on the current date), and it moves a time inside
 * a skipped hour forward by the gap (02:30 → 03:30) rather than to the first valid instant (03:00).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** UTC-day → offsets of that day in one zone; assumes at most one offset change per UTC day (true of modern tzdb). */
interface DayOffsets {
  startOffsetMinutes: number;
  /** The first ms at the end offset; `Infinity` when the offset does not change that day. */
  changeAtMs: number;
  endOffsetMinutes: number;
}

const MAX_CACHED_DAYS = 200_000;
const offsetCache = new Map<string, Map<number, DayOffsets>>();
let cachedDays = 0;

/** An unknown or unusable zone name reached the time maths (validate names before building a policy). */
export class UnknownZoneError extends Error {
  override readonly name = 'UnknownZoneError';

  constructor(readonly zone: string) {
    super(`Time zone "${zone}" is unknown to this runtime`);
  }
}

/**
 * The zone's UTC offset in minutes at an instant (local = UTC + offset).
 * Memoised per zone and UTC day (a pure cache: the answer never depends on when it was asked).
 * @throws UnknownZoneError when luxon/ICU cannot use the zone
 */
export function offsetMinutesAt(zone: string, atMs: number): number {
  const day = Math.floor(atMs / DAY_MS);
  const offsets = dayOffsets(zone, day);
  return atMs < offsets.changeAtMs ? offsets.startOffsetMinutes : offsets.endOffsetMinutes;
}

/** The wall-clock reading (local ms) of an instant in a zone. */
export function localMsAt(zone: string, atMs: number): number {
  return atMs + offsetMinutesAt(zone, atMs) * MINUTE_MS;
}

/** The local day number of an instant in a zone. */
export function localDayAt(zone: string, atMs: number): number {
  return Math.floor(localMsAt(zone, atMs) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number (day 0, 1970-01-01, was a Thursday). */
export function isoWeekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The instant a wall-clock reading happens in a zone, per the product's DST rule:
 * 1. a reading that occurs once: that instant;
 * 2. a reading inside a repeated hour (clocks set back): its first occurrence (the earlier instant);
 * 3. a reading inside a skipped hour (clocks set forward): the first valid instant after it, i.e. the instant of the
 *    change (02:30 on a 02:00 → 03:00 day resolves to 03:00).
 *
 * @param localMs the wall-clock reading written as UTC ms
 */
export function instantOfWallClock(zone: string, localMs: number): number {
  const before = localMs - offsetMinutesAt(zone, localMs - DAY_MS) * MINUTE_MS;
  const after = localMs - offsetMinutesAt(zone, localMs + DAY_MS) * MINUTE_MS;
  const beforeValid = localMsAt(zone, before) === localMs;
  const afterValid = localMsAt(zone, after) === localMs;

  if (beforeValid && afterValid) return Math.min(before, after);
  if (beforeValid) return before;
  if (afterValid) return after;
  return firstChangeBetween(zone, Math.min(before, after), Math.max(before, after));
}

function firstChangeBetween(zone: string, fromMs: number, toMs: number): number {
  for (let day = Math.floor(fromMs / DAY_MS); day <= Math.floor(toMs / DAY_MS); day++) {
    const change = dayOffsets(zone, day).changeAtMs;
    if (change > fromMs && change <= toMs) return change;
  }
  return toMs;
}

function dayOffsets(zone: string, day: number): DayOffsets {
  let zoneDays = offsetCache.get(zone);
  if (zoneDays === undefined) {
    zoneDays = new Map();
    offsetCache.set(zone, zoneDays);
  }

  const known = zoneDays.get(day);
  if (known !== undefined) return known;

  if (cachedDays >= MAX_CACHED_DAYS) {
    offsetCache.clear();
    cachedDays = 0;
    return dayOffsets(zone, day);
  }
  const computed = computeDayOffsets(zone, day);
  zoneDays.set(day, computed);
  cachedDays++;
  return computed;
}

function computeDayOffsets(zone: string, day: number): DayOffsets {
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new UnknownZoneError(zone);

  const startMs = day * DAY_MS;
  const startOffsetMinutes = iana.offset(startMs);
  const endOffsetMinutes = iana.offset(startMs + DAY_MS - 1000);
  if (startOffsetMinutes === endOffsetMinutes) {
    // A change exactly at 00:00 UTC (Israel, Palestine, Moldova) belongs to this day: it starts with the new offset.
    const previousOffsetMinutes = iana.offset(startMs - 1000);
    if (previousOffsetMinutes !== startOffsetMinutes) {
      return { startOffsetMinutes: previousOffsetMinutes, changeAtMs: startMs, endOffsetMinutes };
    }
    return { startOffsetMinutes, changeAtMs: Infinity, endOffsetMinutes };
  }

  let low = 0;
  let high = DAY_MS / 1000 - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (iana.offset(startMs + middle * 1000) === startOffsetMinutes) low = middle + 1;
    else high = middle;
  }
  return { startOffsetMinutes, changeAtMs: startMs + low * 1000, endOffsetMinutes };
}
