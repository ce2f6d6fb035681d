import { ScheduleRuleError, type FieldPath } from './errors';

/** Which bound of a window a clock time is: only an end may be `24:00`. */
export type ClockRole = 'start' | 'end';

const MINUTES_PER_DAY = 1440;
const TWENTY_FOUR_HOUR = /^(\d{1,2}):(\d{2})$/;
const TWELVE_HOUR = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$/i;

/** A clock time that is not one of the accepted forms; `value` is the text as sent, `path` the field (if given). */
export class InvalidClockTimeError extends ScheduleRuleError {
  override readonly name = 'InvalidClockTimeError';

  constructor(
    readonly value: string,
    reason: string,
    path: FieldPath = [],
  ) {
    super(path, `"${value}" is not a valid clock time: ${reason} (use HH:mm such as "09:30", or 9:30am / 6pm)`);
  }
}

/**
 * Parses a calling-window bound into minutes after local midnight (0…1440).
 *
 * Accepted, any case, surrounding spaces ignored:
 * 1. 24-hour `HH:mm` or `H:mm`, 00:00…23:59; `24:00` (= 1440) only when `role` is `'end'`;
 * 2. 12-hour `6pm`, `10am`, `9:30am`, `9:30 am` (hour 1…12): `12am` = 0, `12pm` = 720.
 *
 * @param path where the value sits in the request, copied onto the error
 * @throws InvalidClockTimeError naming the value (`13pm`, `9`, `24:30`, `15:00 AM`, `0pm`, `25:00`, `9:60`, ``)
 */
export function parseClockTime(value: string, role: ClockRole, path: FieldPath = []): number {
  const text = value.trim();

  const twentyFour = TWENTY_FOUR_HOUR.exec(text);
  if (twentyFour !== null) return fromTwentyFourHour(value, Number(twentyFour[1]), Number(twentyFour[2]), role, path);

  const twelve = TWELVE_HOUR.exec(text);
  if (twelve !== null) return fromTwelveHour(value, Number(twelve[1]), Number(twelve[2] ?? '0'), twelve[3] ?? '', path);

  throw new InvalidClockTimeError(value, text === '' ? 'it is empty' : 'unknown format', path);
}

function fromTwentyFourHour(value: string, hour: number, minute: number, role: ClockRole, path: FieldPath): number {
  if (minute > 59) throw new InvalidClockTimeError(value, 'minutes go from 00 to 59', path);
  if (hour === 24 && minute === 0) {
    if (role === 'end') return MINUTES_PER_DAY;
    throw new InvalidClockTimeError(value, '24:00 is allowed only as an end time', path);
  }
  if (hour > 23) throw new InvalidClockTimeError(value, 'hours go from 00 to 23', path);
  return hour * 60 + minute;
}

function fromTwelveHour(value: string, hour: number, minute: number, meridiem: string, path: FieldPath): number {
  if (hour < 1 || hour > 12) throw new InvalidClockTimeError(value, 'a 12-hour clock hour goes from 1 to 12', path);
  if (minute > 59) throw new InvalidClockTimeError(value, 'minutes go from 00 to 59', path);
  const hour24 = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  return hour24 * 60 + minute;
}

/** Formats minutes after midnight as `HH:mm` (1440 → `24:00`). */
export function formatClockTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
