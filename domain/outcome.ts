import { nonRetryableDialErrors } from './contract/enums';
import type { AttemptOutcome } from './order';

/** What an order does after an attempt (SPEC §3). */
export type NextStep = 'complete' | 'error' | 'retry';

/**
 * The outcome table: a person reached (human, unknown, an IVR or screening that led to one) completes the order; a
 * non-retryable dial error ends it `errored`; everything else (voicemail, IVR without a person, busy, no answer, …)
 * retries while attempts remain.
 */
export function nextStepAfter(outcome: AttemptOutcome): NextStep {
  if (outcome.kind === 'dial_error') return nonRetryableDialErrors.includes(outcome.dialError) ? 'error' : 'retry';
  return outcome.reachedHuman ? 'complete' : 'retry';
}
