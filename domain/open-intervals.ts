import type { CallingWindow } from './order';
import { DAY_MS, MINUTE_MS, instantOfWallClock, isoWeekdayOfDay, localDayAt } from './zone-clock';

/** A half-open span of instants [startMs, endMs), epoch ms. */
export interface Interval {
  startMs: number;
  endMs: number;
}

/** Where an instant stands in one zone: inside an open interval, or before the next one (null: none soon). */
export type ZoneState = { open: true; untilMs: number } | { open: false; nextStartMs: number | null };

/**
 * Days scanned ahead of an instant for the next open interval of one zone: two weeks plus slack, since a weekly
 * window (one allowed day) that a spring-forward night empties (both bounds in the skipped hour) next opens a
 * fortnight later.
 */
const DAYS_AHEAD = 16;

/**
 * The open intervals that window set produces on one local day of a zone, in window order.
 * A window belongs to the local day it starts on; its bounds are resolved with `instantOfWallClock` (DST rule);
 * a window crossing midnight ends on the next day; one emptied by a DST change (both bounds in a skipped hour) is
 * left out.
 */
export function intervalsOfDay(zone: string, windows: readonly CallingWindow[], day: number): Interval[] {
  const midnight = day * DAY_MS;
  const intervals: Interval[] = [];
  for (const window of windows) {
    const endMinute = window.endMinute > window.startMinute ? window.endMinute : window.endMinute + 1440;
    const startMs = instantOfWallClock(zone, midnight + window.startMinute * MINUTE_MS);
    const endMs = instantOfWallClock(zone, midnight + endMinute * MINUTE_MS);
    if (startMs < endMs) intervals.push({ startMs, endMs });
  }
  return intervals;
}

/**
 * Whether `atMs` is inside an open interval of the zone (windows on allowed days only), and until when; otherwise the
 * start of the next open interval within about a week (null when there is none, e.g. no allowed day).
 *
 * @param allowedDays ISO weekdays of the local day a window starts on
 */
export function zoneStateAt(
  zone: string,
  windows: readonly CallingWindow[],
  allowedDays: ReadonlySet<number>,
  atMs: number,
): ZoneState {
  const today = localDayAt(zone, atMs);
  let untilMs = -Infinity;
  let nextStartMs = Infinity;

  for (let day = today - 1; day <= today + DAYS_AHEAD; day++) {
    if (!allowedDays.has(isoWeekdayOfDay(day))) continue;
    for (const interval of intervalsOfDay(zone, windows, day)) {
      if (interval.startMs <= atMs && atMs < interval.endMs) untilMs = Math.max(untilMs, interval.endMs);
      else if (interval.startMs > atMs) nextStartMs = Math.min(nextStartMs, interval.startMs);
    }
    if (day >= today && (untilMs > atMs || nextStartMs < Infinity)) break;
  }

  if (untilMs > atMs) return { open: true, untilMs };
  return { open: false, nextStartMs: nextStartMs === Infinity ? null : nextStartMs };
}

/**
 * Whether `window`'s wall-clock span holds `atMs` in the zone, on a local day it may open (`allowedDays`: ISO
 * weekdays of the local day the window starts on).
 */
export function windowHolds(
  zone: string,
  window: CallingWindow,
  allowedDays: ReadonlySet<number>,
  atMs: number,
): boolean {
  const today = localDayAt(zone, atMs);
  return [today - 1, today].some((day) => {
    if (!allowedDays.has(isoWeekdayOfDay(day))) return false;
    const [interval] = intervalsOfDay(zone, [window], day);
    return interval !== undefined && interval.startMs <= atMs && atMs < interval.endMs;
  });
}
