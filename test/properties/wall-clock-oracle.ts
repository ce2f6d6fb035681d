import type { SchedulePolicy } from '../../domain/order';

/**
 * An independent, deliberately simple and slow judge of "is this instant inside an open window": it reads the wall
 * clock of each zone with `Intl.DateTimeFormat` (no luxon, no domain code) and tests window membership directly.
 *
 * The one subtlety is the repeated hour after clocks go back: there a wall-clock reading happens twice, and the rule
 * "a bound in a repeated hour takes its first occurrence" means an instant in the second pass sits after every bound
 * that lies inside the repeat. The oracle reads such an instant as "just before the clock went back" (last minute of
 * the old offset), found by scanning minute by minute.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Wall clock of an instant in a zone, written as UTC ms (seconds precision). */
export function wallClockMs(zone: string, atMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(atMs)) parts[part.type] = Number(part.value);
  const { year, month, day, hour, minute, second } = parts as Record<
    'year' | 'month' | 'day' | 'hour' | 'minute' | 'second',
    number
  >;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((atMs % 1000) + 1000) % 1000);
}

const offsetMs = (zone: string, atMs: number): number => wallClockMs(zone, atMs) - atMs;

/** The wall clock the product's rules read an instant as (see the file comment about repeated hours). */
export function effectiveWallClockMs(zone: string, atMs: number): number {
  const lookBackMs = 3 * 3_600_000;
  const offsetNow = offsetMs(zone, atMs);
  const offsetBefore = offsetMs(zone, atMs - lookBackMs);
  if (offsetBefore <= offsetNow) return atMs + offsetNow;

  let changeMs = Math.floor((atMs - lookBackMs) / MINUTE_MS) * MINUTE_MS;
  while (offsetMs(zone, changeMs) !== offsetNow) changeMs += MINUTE_MS;
  const repeatMs = offsetBefore - offsetNow;
  if (atMs >= changeMs + repeatMs) return atMs + offsetNow;
  return changeMs - 1 + offsetBefore;
}

const isoWeekday = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;

/** True when the instant is inside a window on an allowed day in this one zone, by direct wall-clock reading. */
export function oracleOpenInZone(policy: SchedulePolicy, zone: string, atMs: number): boolean {
  return policy.windows.some((window) => windowHoldsInZone(window, policy, zone, atMs));
}

/** True when this one window holds the instant in the zone, on an allowed day (the day the window starts on). */
function windowHoldsInZone(
  { startMinute, endMinute }: SchedulePolicy['windows'][number],
  policy: SchedulePolicy,
  zone: string,
  atMs: number,
): boolean {
  const local = effectiveWallClockMs(zone, atMs);
  const dayNumber = Math.floor(local / DAY_MS);
  const minute = Math.floor((local - dayNumber * DAY_MS) / MINUTE_MS);
  const allowed = (day: number): boolean => policy.allowedDays.includes(isoWeekday(day));
  if (startMinute < endMinute) return startMinute <= minute && minute < endMinute && allowed(dayNumber);
  return (minute >= startMinute && allowed(dayNumber)) || (minute < endMinute && allowed(dayNumber - 1));
}

/** The first window, in policy order, that holds the instant in every zone; null when none does. */
export function oracleWindowAt(policy: SchedulePolicy, atMs: number): SchedulePolicy['windows'][number] | null {
  return policy.windows.find((w) => policy.zones.every((zone) => windowHoldsInZone(w, policy, zone, atMs))) ?? null;
}

/** True when the instant is open in every candidate zone (windows ignored with `skipCallingWindow`). */
export function oracleOpen(policy: SchedulePolicy, atMs: number): boolean {
  return policy.skipCallingWindow || policy.zones.every((zone) => oracleOpenInZone(policy, zone, atMs));
}
