import fc from 'fast-check';
import type { AttemptRecord, CallingWindow, SchedulePolicy } from '../../domain/order';
import { checkZoneOverlap, firstAttemptAt, nextAttemptAt, nextOpenInstant, planAttempts } from '../../domain/schedule';
import { oracleOpen, oracleWindowAt } from './wall-clock-oracle';

/** DST-heavy, half-hour, 45-minute and DST-free zones. */
export const PROPERTY_ZONES = [
  'America/New_York',
  'Europe/Paris',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Phoenix',
  'Europe/London',
  'Asia/Jerusalem', // changes at 00:00 UTC
  'Europe/Chisinau', // changes at 00:00 UTC
] as const;

/** DST changes of 2026-2027 in those zones (UTC), and a few ordinary days, as anchors for "now". */
const ANCHORS_MS = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2027-03-14T07:00:00Z',
  '2027-11-07T06:00:00Z', // New York
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z', // EU
  '2026-04-04T16:30:00Z',
  '2026-10-03T16:30:00Z',
  '2027-04-03T16:30:00Z',
  '2027-10-02T16:30:00Z', // Adelaide
  '2026-04-04T15:00:00Z',
  '2026-10-03T15:30:00Z', // Lord Howe
  '2026-03-08T05:30:00Z',
  '2026-11-01T04:30:00Z', // St John's
  '2026-04-04T14:00:00Z',
  '2026-09-26T14:00:00Z',
  '2027-04-03T14:00:00Z', // Chatham
  '2026-03-27T00:00:00Z',
  '2026-10-25T00:00:00Z',
  '2027-03-26T00:00:00Z', // Jerusalem
  '2026-03-29T00:00:00Z',
  '2027-03-28T00:00:00Z', // Chisinau
  '2026-01-15T12:00:00Z',
  '2026-06-15T12:00:00Z',
  '2027-02-01T00:00:00Z',
  '2027-08-01T00:00:00Z',
].map((iso) => Date.parse(iso));

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DST_SENSITIVE_MINUTES = [0, 30, 60, 90, 105, 120, 135, 150, 165, 180, 210, 225, 240, 1380, 1410, 1439];

/** True about one time in ten. */
const rarely = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
const minuteArb = fc.oneof(
  fc.constantFrom(...DST_SENSITIVE_MINUTES),
  fc.integer({ min: 0, max: 1439 }).map((m) => m - (m % 15)),
);
const windowArb: fc.Arbitrary<CallingWindow> = fc
  .record({
    startMinute: minuteArb,
    endMinute: fc.oneof(minuteArb, fc.constant(1440)),
    retryDelaySeconds: fc.constantFrom(60, 600, 3600, 7200, 5 * 3600, 86_400, 3 * 86_400),
  })
  .filter((w) => w.startMinute !== w.endMinute);

const instantArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ANCHORS_MS), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }))
    .map(([anchor, shift]) => anchor + shift),
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
);

/** A random policy: one zone (sometimes two), up to three windows, random days and attempt rules. */
export const policyArb = (nowMs: number): fc.Arbitrary<SchedulePolicy> =>
  fc.record({
    zones: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PROPERTY_ZONES).map((z) => [z]) },
      { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...PROPERTY_ZONES), { minLength: 2, maxLength: 2 }) },
    ),
    windows: fc.array(windowArb, { minLength: 1, maxLength: 3 }),
    allowedDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((d) => d.sort()),
    maxAttempts: fc.integer({ min: 1, max: 6 }),
    callTwiceInARow: fc.boolean(),
    skipCallingWindow: rarely,
    forceNow: fc.constantFrom(false, false, false, false, true),
    scheduledAtMs: fc.option(
      fc.integer({ min: -2 * DAY_MS, max: 30 * DAY_MS }).map((shift) => nowMs + shift),
      { nil: null },
    ),
  });

const outcomeArb = fc.record({ durationMs: fc.integer({ min: 0, max: 2 * HOUR_MS }), reachedHuman: rarely });

/** One generated case: now, a policy, how each attempt ends, and two instants for the search properties. */
export const scenarioArb = instantArb.chain((nowMs) =>
  fc.record({
    nowMs: fc.constant(nowMs),
    policy: policyArb(nowMs),
    outcomes: fc.array(outcomeArb, { minLength: 1, maxLength: 6 }),
    fromShiftMs: fc.integer({ min: 0, max: 2 * DAY_MS }),
    laterShiftMs: fc.integer({ min: 0, max: 2 * DAY_MS }),
  }),
);
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const fail = (message: string): never => {
  throw new Error(message);
};
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * True when the candidate zones share an open instant soon after the order may first call (orders that do not are
 * refused at creation: the API checks from `scheduled_at`, or from now under `force_now`).
 */
export function isPlaceable(policy: SchedulePolicy, nowMs: number): boolean {
  try {
    checkZoneOverlap(policy, policy.forceNow ? nowMs : Math.max(nowMs, policy.scheduledAtMs ?? nowMs));
    return true;
  } catch {
    return false;
  }
}

/**
 * A retry starts at the first open minute ≥ the end of the last attempt + the delay of the window that attempt
 * started in (per the oracle: the first window holding its start in every zone, else the first window), or ≥ its
 * end alone for attempt #2 under callTwiceInARow.
 */
function checkRetryInstant(policy: SchedulePolicy, history: readonly AttemptRecord[], startMs: number): void {
  const last = history.at(-1);
  if (last === undefined) return;
  const waived = policy.callTwiceInARow && history.length === 1 && !last.reachedHuman;
  const window = oracleWindowAt(policy, last.startedAtMs) ?? policy.windows[0];
  const earliestMs = last.endedAtMs + (waived ? 0 : (window?.retryDelaySeconds ?? 0) * 1000);
  if (startMs < earliestMs) fail(`attempt ${history.length + 1} at ${iso(startMs)} before ${iso(earliestMs)}`);
  if (startMs - MINUTE_MS >= earliestMs && oracleOpen(policy, startMs - MINUTE_MS))
    fail(`attempt ${history.length + 1} at ${iso(startMs)} is not the first open minute after ${iso(earliestMs)}`);
}

/**
 * Every property of one scenario; throws with a description on the first violation.
 * 1. The first attempt is never before now / scheduledAt (forceNow: exactly now).
 * 2. Every attempt but a forceNow first starts inside an open window in every zone (oracle) and after the previous
 *    attempt's end; none after a human was reached; never more than maxAttempts; the plan obeys the same.
 * 3. Each retry waits the right delay and takes the first open minute after it (`checkRetryInstant`).
 * 4. nextOpenInstant is monotone in its argument and returns the first open instant (the minute before is closed).
 */
export function checkScenario({ nowMs, policy, outcomes, fromShiftMs, laterShiftMs }: Scenario): void {
  const first = firstAttemptAt(policy, nowMs);
  if (first === null) return fail('no first attempt within the horizon');
  if (policy.forceNow && first !== nowMs) fail('forceNow first attempt is not now');
  if (!policy.forceNow && first < Math.max(nowMs, policy.scheduledAtMs ?? nowMs))
    fail(`first attempt ${iso(first)} before now/scheduledAt`);
  if (!policy.forceNow && !oracleOpen(policy, first)) fail(`first attempt ${iso(first)} outside an open window`);

  const history: AttemptRecord[] = [];
  let startMs: number | null = first;
  for (const outcome of outcomes) {
    if (startMs === null) break;
    const previousEnd = history.at(-1)?.endedAtMs ?? -Infinity;
    if (startMs < previousEnd) fail(`attempt ${history.length + 1} at ${iso(startMs)} before the previous end`);
    if (history.length > 0 && !oracleOpen(policy, startMs))
      fail(`attempt ${history.length + 1} at ${iso(startMs)} outside an open window`);
    history.push({ startedAtMs: startMs, endedAtMs: startMs + outcome.durationMs, reachedHuman: outcome.reachedHuman });
    if (history.length > policy.maxAttempts) fail(`more than ${policy.maxAttempts} attempts`);
    startMs = nextAttemptAt(policy, history);
    if (outcome.reachedHuman && startMs !== null) fail('a retry after a human was reached');
    if (startMs !== null) checkRetryInstant(policy, history, startMs);
  }

  const plan = planAttempts(policy, nowMs);
  if (plan.length > policy.maxAttempts) fail('plan longer than maxAttempts');
  plan.forEach((atMs, index) => {
    if (index === 0 && policy.forceNow) return;
    if (!oracleOpen(policy, atMs)) fail(`planned attempt ${index + 1} at ${iso(atMs)} outside an open window`);
  });

  const fromMs = nowMs + fromShiftMs;
  const laterMs = fromMs + laterShiftMs;
  const openFrom = nextOpenInstant(policy, fromMs);
  const openLater = nextOpenInstant(policy, laterMs);
  if (openFrom !== null && openLater !== null && openFrom > openLater)
    fail(`not monotone: ${iso(openFrom)} > ${iso(openLater)}`);
  if (openFrom !== null) {
    if (openFrom < fromMs) fail('nextOpenInstant before its argument');
    if (!oracleOpen(policy, openFrom)) fail(`nextOpenInstant ${iso(openFrom)} is closed per the oracle`);
    if (openFrom - MINUTE_MS >= fromMs && oracleOpen(policy, openFrom - MINUTE_MS))
      fail(`nextOpenInstant ${iso(openFrom)} is not the first open minute`);
  }
}

/** The property over scenarios an order could have (zones that never overlap are refused at creation). */
export const scheduleProperty = fc.property(scenarioArb, (scenario) => {
  fc.pre(isPlaceable(scenario.policy, scenario.nowMs));
  checkScenario(scenario);
});
