import { DateTime, IANAZone } from 'luxon';
import type { z } from 'zod';
import type { AllowedDay, callRetryConfigResponseSchema, callRetryConfigSchema } from './contract/assistant';
import type { CallingWindow, SchedulePolicy } from './order';
import { parseClockTime } from './clock-time';
import { judgeInto, ScheduleRuleError, type RuleIssue } from './errors';

/** Defaults of SPEC §2 when `call_retry_config` or one of its fields is absent. */
export const SCHEDULE_DEFAULTS = {
  windowStart: '10:00',
  windowEnd: '18:00',
  retryDelaySeconds: 7200,
  maxAttempts: 3,
} as const;

const ISO_WEEKDAY: Readonly<Record<AllowedDay, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const WINDOWS_PATH = ['call_retry_config', 'calling_windows'] as const;

/** `call_retry_config` as sent or as parsed by zod (parsing only fills window defaults, which are applied here too). */
export type CallRetryConfigLike = z.input<typeof callRetryConfigSchema>;

/** What `buildSchedulePolicy` needs: the contract's config as parsed by zod, and the order's resolved facts. */
export interface SchedulePolicyInput {
  retryConfig: CallRetryConfigLike | null | undefined;
  /** IANA zones, already validated (see `resolveZones`); at least one. */
  zones: readonly string[];
  forceNow: boolean;
  /** From `validateScheduledAt`; null when absent. */
  scheduledAtMs: number | null;
}

/**
 * Builds the order's `SchedulePolicy` from `call_retry_config` (defaults of SPEC §2 applied).
 *
 * 1. Windows: each bound parsed by `parseClockTime`; `start == end` is refused; `end < start` crosses midnight;
 *    several windows form a union. No windows given: one window 10:00-18:00 with a 7200 s delay.
 * 2. `allowed_days` → ISO weekdays (sorted, unique); absent: all seven.
 * 3. `max_retry_attempts` is the total number of attempts (default 3).
 *
 * Does not check that the zones share an open instant: call `checkZoneOverlap` with the returned policy.
 *
 * @throws ScheduleRuleError listing every broken window field by path (e.g.
 *   `call_retry_config.calling_windows[1].calling_window_end_time`), or `call_retry_config.timezone` when `zones` is
 *   empty or holds a zone this runtime cannot compute with.
 */
export function buildSchedulePolicy(input: SchedulePolicyInput): SchedulePolicy {
  const config = input.retryConfig ?? {};
  const issues: RuleIssue[] = [];

  const windows = (config.calling_windows ?? [{}]).flatMap((raw, index) => {
    const window = buildWindow(raw, index, issues);
    return window === null ? [] : [window];
  });
  if (input.zones.length === 0)
    issues.push({ path: ['call_retry_config', 'timezone'], message: 'No time zone: set call_retry_config.timezone' });
  for (const zone of input.zones) {
    if (!IANAZone.isValidZone(zone))
      issues.push({
        path: ['call_retry_config', 'timezone'],
        message: `Time zone "${zone}" is unknown to this runtime`,
      });
  }
  if (issues.length > 0) throw ScheduleRuleError.fromIssues(issues);

  return {
    zones: [...input.zones],
    windows,
    allowedDays:
      config.allowed_days === undefined
        ? [...ALL_DAYS]
        : [...new Set(config.allowed_days.map((d) => ISO_WEEKDAY[d]))].sort(),
    maxAttempts: config.max_retry_attempts ?? SCHEDULE_DEFAULTS.maxAttempts,
    callTwiceInARow: config.call_twice_in_a_row ?? false,
    skipCallingWindow: config.skip_calling_window ?? false,
    forceNow: input.forceNow,
    scheduledAtMs: input.scheduledAtMs,
  };
}

interface RawWindow {
  calling_window_start_time?: string | undefined;
  calling_window_end_time?: string | undefined;
  retry_delay_seconds?: number | undefined;
}

function buildWindow(raw: RawWindow, index: number, issues: RuleIssue[]): CallingWindow | null {
  const startPath = [...WINDOWS_PATH, index, 'calling_window_start_time'];
  const endPath = [...WINDOWS_PATH, index, 'calling_window_end_time'];
  const startMinute = judgeInto(issues, () =>
    parseClockTime(raw.calling_window_start_time ?? SCHEDULE_DEFAULTS.windowStart, 'start', startPath),
  );
  const endMinute = judgeInto(issues, () =>
    parseClockTime(raw.calling_window_end_time ?? SCHEDULE_DEFAULTS.windowEnd, 'end', endPath),
  );
  if (startMinute === null || endMinute === null) return null;

  if (startMinute === endMinute) {
    issues.push({
      path: endPath,
      message: 'A calling window cannot end when it starts (start == end); use 00:00-24:00 for all day',
    });
    return null;
  }
  return { startMinute, endMinute, retryDelaySeconds: raw.retry_delay_seconds ?? SCHEDULE_DEFAULTS.retryDelaySeconds };
}

/** `call_retry_config` as responses show it: what the order applies, every default of SPEC §2 filled in. */
export type EffectiveRetryConfig = z.infer<typeof callRetryConfigResponseSchema>;

/**
 * The config an order applies, for responses: the windows with their default bounds and delay (one 10:00-18:00
 * window when none was sent) and `max_retry_attempts`; `timezone` as sent (null when absent); the newer fields
 * (`allowed_days`, `call_twice_in_a_row`, `skip_calling_window`) when sent. Times stay as the client wrote them.
 */
export function effectiveRetryConfig(config: CallRetryConfigLike | null | undefined): EffectiveRetryConfig {
  const sent = config ?? {};
  const { calling_windows, max_retry_attempts, timezone, allowed_days, call_twice_in_a_row, skip_calling_window } =
    sent;
  return {
    calling_windows: (calling_windows ?? [{}]).map((window) => ({
      calling_window_start_time: window.calling_window_start_time ?? SCHEDULE_DEFAULTS.windowStart,
      calling_window_end_time: window.calling_window_end_time ?? SCHEDULE_DEFAULTS.windowEnd,
      retry_delay_seconds: window.retry_delay_seconds ?? SCHEDULE_DEFAULTS.retryDelaySeconds,
    })),
    max_retry_attempts: max_retry_attempts ?? SCHEDULE_DEFAULTS.maxAttempts,
    timezone: timezone ?? null,
    ...(allowed_days === undefined ? {} : { allowed_days }),
    ...(call_twice_in_a_row === undefined ? {} : { call_twice_in_a_row }),
    ...(skip_calling_window === undefined ? {} : { skip_calling_window }),
  };
}

const OFFSET_OR_Z = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const SCHEDULED_AT_PATH = ['scheduled_at'] as const;
/** The widest UTC offset in use (Kiribati's +14:00, and -12:00 at the other end). */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Judges `scheduled_at` and returns the epoch ms the order may start from, or null when absent.
 *
 * 1. Must be ISO 8601 with a time and an explicit offset or `Z` (`2026-05-01T09:00:00+02:00`; `t` and `z` may be
 *    lower case), the offset within ±14:00.
 * 2. In the past: `nowMs` (the order is due at once).
 * 3. More than one year after `nowMs` (calendar year, in UTC): refused.
 *
 * @param raw the field as sent (`{}` and null count as absent, as the reference client sends them)
 * @param nowMs the current instant, epoch ms
 * @throws ScheduleRuleError at path `scheduled_at`, naming the value
 */
export function validateScheduledAt(
  raw: string | Record<string, never> | null | undefined,
  nowMs: number,
): number | null {
  if (raw === null || raw === undefined || typeof raw !== 'string') return null;

  // RFC 3339 allows a lower-case `t` and `z`; nothing else in the format has letters.
  const text = raw.trim().toUpperCase();
  const parsed = DateTime.fromISO(text, { setZone: true });
  if (!text.includes('T') || !OFFSET_OR_Z.test(text) || !parsed.isValid) {
    throw new ScheduleRuleError(
      SCHEDULED_AT_PATH,
      `scheduled_at "${raw}" must be an ISO 8601 date-time with an offset or Z, e.g. 2026-05-01T09:00:00Z`,
    );
  }
  if (Math.abs(parsed.offset) > MAX_OFFSET_MINUTES) {
    throw new ScheduleRuleError(
      SCHEDULED_AT_PATH,
      `scheduled_at "${raw}" has an offset beyond ±14:00, which no place on Earth uses`,
    );
  }

  const atMs = parsed.toMillis();
  const latestMs = DateTime.fromMillis(nowMs, { zone: 'UTC' }).plus({ years: 1 }).toMillis();
  if (atMs > latestMs)
    throw new ScheduleRuleError(SCHEDULED_AT_PATH, `scheduled_at "${raw}" is more than one year ahead`);
  return Math.max(atMs, nowMs);
}
