import type { AttemptRecord, CallingWindow, SchedulePolicy } from './order';
import { ScheduleRuleError } from './errors';
import { windowHolds, zoneStateAt } from './open-intervals';
import { DAY_MS } from './zone-clock';

/**
 * How far `nextOpenInstant` looks ahead by default: 370 days, so that any allowed weekday, any DST period of the year
 * and a `scheduled_at` up to a year ahead are all within reach.
 */
export const SEARCH_HORIZON_MS = 370 * DAY_MS;

/** How far ahead zones of a multi-zone number must share an open instant (SPEC §2: the next 8 days). */
export const OVERLAP_HORIZON_MS = 8 * DAY_MS;

/**
 * Whether a call may start at `atMs` (epoch ms): open in every candidate zone, on an allowed day of that zone (the
 * day judged is the local day the window started on, so a 22:00-02:00 window opened on an allowed Friday stays open
 * into Saturday). Always true with `skipCallingWindow`.
 */
export function isOpenAt(policy: SchedulePolicy, atMs: number): boolean {
  if (policy.skipCallingWindow) return true;
  const allowedDays = new Set(policy.allowedDays);
  return policy.zones.every((zone) => zoneStateAt(zone, policy.windows, allowedDays, atMs).open);
}

/**
 * The first instant ≥ `fromMs` (epoch ms) at which `isOpenAt` holds; `fromMs` itself when open (or with
 * `skipCallingWindow`). Works on whole intervals per local day, never minute by minute.
 *
 * @param horizonMs how far after `fromMs` to look (default `SEARCH_HORIZON_MS`, 370 days)
 * @returns null when no instant within the horizon is open in all zones
 */
export function nextOpenInstant(
  policy: SchedulePolicy,
  fromMs: number,
  horizonMs: number = SEARCH_HORIZON_MS,
): number | null {
  if (policy.skipCallingWindow) return fromMs;

  const allowedDays = new Set(policy.allowedDays);
  const limitMs = fromMs + horizonMs;
  let candidateMs = fromMs;
  while (candidateMs <= limitMs) {
    let latestMs = candidateMs;
    for (const zone of policy.zones) {
      const state = zoneStateAt(zone, policy.windows, allowedDays, candidateMs);
      if (state.open) continue;
      if (state.nextStartMs === null) return null;
      latestMs = Math.max(latestMs, state.nextStartMs);
    }
    if (latestMs === candidateMs) return candidateMs;
    candidateMs = latestMs;
  }
  return null;
}

/**
 * The calling window `atMs` falls in: the first window, in policy order, that is open at `atMs` in every candidate
 * zone on an allowed day (the window through which an attempt at that instant could start). Null when none is,
 * e.g. a `forceNow` attempt outside every window.
 */
export function windowAt(policy: SchedulePolicy, atMs: number): CallingWindow | null {
  if (policy.zones.length === 0) return null;
  const allowedDays = new Set(policy.allowedDays);
  return (
    policy.windows.find((window) => policy.zones.every((zone) => windowHolds(zone, window, allowedDays, atMs))) ?? null
  );
}

/**
 * When the first attempt may start (epoch ms).
 * 1. `forceNow`: `nowMs` exactly (`scheduledAtMs` and windows ignored).
 * 2. Otherwise the first open instant ≥ max(`nowMs`, `scheduledAtMs`).
 * @returns null when no open instant exists within `SEARCH_HORIZON_MS`
 */
export function firstAttemptAt(policy: SchedulePolicy, nowMs: number): number | null {
  if (policy.forceNow) return nowMs;
  return nextOpenInstant(policy, Math.max(nowMs, policy.scheduledAtMs ?? nowMs));
}

/**
 * When the next attempt may start (epoch ms), given the attempts made so far (oldest first, at least one).
 *
 * 1. null when `history.length >= maxAttempts` or the last attempt reached a human.
 * 2. With `callTwiceInARow`, attempt #2 (one attempt made, no human reached): the first open instant ≥ its end.
 * 3. Otherwise the first open instant ≥ end of the last attempt + `retryDelaySeconds` of the window that attempt
 *    started in (`windowAt`); an attempt started outside every window (a `forceNow` first attempt, or any attempt
 *    with `skipCallingWindow`) uses the first window's delay.
 *
 * @throws RangeError when `history` is empty (use `firstAttemptAt`)
 */
export function nextAttemptAt(policy: SchedulePolicy, history: readonly AttemptRecord[]): number | null {
  const earliestMs = earliestRetryAt(policy, history);
  return earliestMs === null ? null : nextOpenInstant(policy, earliestMs);
}

/**
 * The instant (epoch ms) before which the next attempt may not start, windows not considered: the end of the last
 * attempt, plus the retry delay unless `callTwiceInARow` waives it for attempt #2. Null when no attempt is left
 * (the rules of {@link nextAttemptAt}).
 *
 * @throws RangeError when `history` is empty
 */
export function earliestRetryAt(policy: SchedulePolicy, history: readonly AttemptRecord[]): number | null {
  const last = history.at(-1);
  if (last === undefined) throw new RangeError('nextAttemptAt needs at least one past attempt; use firstAttemptAt');
  if (history.length >= policy.maxAttempts || last.reachedHuman) return null;

  if (policy.callTwiceInARow && history.length === 1) return last.endedAtMs;

  const window = windowAt(policy, last.startedAtMs) ?? policy.windows[0];
  const delaySeconds = window?.retryDelaySeconds ?? 0;
  return last.endedAtMs + delaySeconds * 1000;
}

/**
 * A preview of the attempt instants (epoch ms) if every attempt failed at once: each ends at its start instant with a
 * retryable outcome that reached no human. One entry per allowed attempt, fewer when no open instant is found.
 *
 * @param count how many attempts to plan at most (default and ceiling: `policy.maxAttempts`)
 */
export function planAttempts(policy: SchedulePolicy, nowMs: number, count: number = policy.maxAttempts): number[] {
  const limit = Math.min(count, policy.maxAttempts);
  const history: AttemptRecord[] = [];
  let nextMs = limit > 0 ? firstAttemptAt(policy, nowMs) : null;
  while (nextMs !== null && history.length < limit) {
    history.push({ startedAtMs: nextMs, endedAtMs: nextMs, reachedHuman: false });
    nextMs = history.length < limit ? nextAttemptAt(policy, history) : null;
  }
  return history.map((attempt) => attempt.startedAtMs);
}

/**
 * Checks that the candidate zones share an open instant within the next 8 days (`OVERLAP_HORIZON_MS`) from `nowMs`,
 * as SPEC §2 requires at creation. Passes at once with `skipCallingWindow`.
 *
 * @throws ScheduleRuleError at `call_retry_config.timezone`, asking for a time zone, when they do not
 */
export function checkZoneOverlap(policy: SchedulePolicy, nowMs: number): void {
  if (policy.skipCallingWindow) return;
  if (nextOpenInstant(policy, nowMs, OVERLAP_HORIZON_MS) !== null) return;
  throw new ScheduleRuleError(
    ['call_retry_config', 'timezone'],
    `The number may be in any of ${policy.zones.join(', ')} and no calling window is open in all of them within ` +
      "the next 8 days; set call_retry_config.timezone to the recipient's IANA location name",
  );
}
