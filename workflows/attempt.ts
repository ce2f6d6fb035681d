import {
  ActivityCancellationType,
  ActivityFailure,
  CancellationScope,
  CancelledFailure,
  isCancellation,
  log,
  proxyActivities,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DialResult } from '../activities/providers/types';
import { isoUtc } from '../domain/call-state';
import type { TranscriptEntry } from '../domain/contract/call';
import type { AttemptOutcome, AttemptRecord, NormalizedOrder } from '../domain/order';
import type { OrderState } from './order-state';

/** Extra time a conversation activity gets beyond the order's maximum call duration. */
const CONVERSATION_MARGIN_SECS = 300;

const { dial } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  // A dial is never repeated: an interrupted dial ends the attempt (see runAttempt).
  retry: { maximumAttempts: 1 },
});

/** Hang-up: the call may still be live, so it is tried for about five minutes before the attempt gives up on it. */
const cleanup = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 12, initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const extraction = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 4, initialInterval: '5 seconds', backoffCoefficient: 2 },
});

function conversationActivities(order: NormalizedOrder) {
  return proxyActivities<Activities>({
    startToCloseTimeout: `${Math.ceil(order.maxCallDurationSecs) + CONVERSATION_MARGIN_SECS} seconds`,
    heartbeatTimeout: '10 seconds',
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    // A retry re-attaches to the same live call (the provider addresses it by id); it never dials again.
    retry: { maximumAttempts: 3, initialInterval: '1 second' },
  });
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  record: AttemptRecord;
}

/**
 * One attempt: dial → converse → extract, recorded on `state` as it goes. Cancellation (of the enclosing scope)
 * hangs up a live call before it propagates. `onCallEnded` runs once the call is over (a failed dial or the end of
 * the conversation), before extraction.
 */
export async function runAttempt(
  order: NormalizedOrder,
  attempt: number,
  state: OrderState,
  voicemailMessage: string | null,
  onCallEnded?: () => Promise<void>,
): Promise<AttemptResult> {
  const ref = { callId: order.id, attempt };
  const startedAtMs = Date.now();
  state.startAttempt(attempt);
  state.patchAttempt({ status: 'ringing' });
  state.setStatus('calling');

  const dialed = await dialOnce(order, attempt, state);
  if (dialed.status === 'failed') {
    await onCallEnded?.();
    const endedAtMs = Date.now();
    state.patchAttempt({ status: 'error', dial_error: dialed.dialError, ended_at: isoUtc(endedAtMs) });
    return {
      outcome: { kind: 'dial_error', dialError: dialed.dialError },
      record: { startedAtMs, endedAtMs, reachedHuman: false },
    };
  }

  // Provider clocks may drift from workflow time: keep answered_at between the attempt's start and now.
  const answeredAtMs = Math.min(Math.max(dialed.answeredAtMs, startedAtMs), Date.now());
  state.patchAttempt({ status: 'ongoing', result: dialed.answeredBy, answered_at: isoUtc(answeredAtMs) });
  const live = { ...ref, providerCallId: dialed.providerCallId };
  let talk;
  try {
    talk = await conversationActivities(order).converse({
      ...live,
      to: order.phoneNumber,
      answeredBy: dialed.answeredBy,
      // A voicemail needs no prompt: leaving it out keeps the most repeated attempt small in history.
      script: dialed.answeredBy === 'voicemail' ? { ...order.script, prompt: '' } : order.script,
      voicemailMessage,
      ivrNavigationEnabled: order.ivrNavigationEnabled,
      transferPhoneNumber: order.transferPhoneNumber,
      maxCallDurationSecs: order.maxCallDurationSecs,
      structuredOutputConfig: order.structuredOutputConfig,
    });
  } catch (err) {
    await hangUp(order, attempt, live);
    const cancelled = isCancellation(err);
    if (!cancelled) log.warn('conversation failed; call hung up', { callId: order.id, attempt, error: String(err) });
    state.patchAttempt({
      status: 'completed',
      ended_at: isoUtc(Date.now()),
      ended_by: 'system',
      end_reason: cancelled ? 'cancelled' : 'agent_error',
      transcript: cancelled ? partialTranscript(err) : null,
    });
    if (cancelled) throw err;
    return {
      outcome: { kind: 'answered', answeredBy: dialed.answeredBy, reachedHuman: false, voicemailLeft: false },
      record: { startedAtMs, endedAtMs: Date.now(), reachedHuman: false },
    };
  }

  // ended_at is workflow time, the instant the retry rules count from (the provider's end is a moment earlier).
  const endedAtMs = Date.now();
  state.patchAttempt({
    status: 'completed',
    result: talk.reached,
    ended_at: isoUtc(endedAtMs),
    ended_by: talk.endedBy,
    end_reason: talk.endReason,
    transcript: talk.transcript,
    recording_url: talk.recordingUrl,
  });
  state.setStatus('post_processing');
  await onCallEnded?.();
  if (talk.reachedHuman && order.structuredOutputConfig.length > 0) {
    state.patchAttempt({ structured_output: await extractOutput(order, attempt, talk.transcript) });
  }
  return {
    outcome: {
      kind: 'answered',
      answeredBy: talk.reached,
      reachedHuman: talk.reachedHuman,
      voicemailLeft: talk.voicemailLeft,
    },
    record: { startedAtMs, endedAtMs, reachedHuman: talk.reachedHuman },
  };
}

/** Hangs a call up, never cancelled; a hang-up that keeps failing is logged, and the attempt ends all the same. */
async function hangUp(
  order: NormalizedOrder,
  attempt: number,
  live: Parameters<Activities['hangUp']>[0],
): Promise<void> {
  try {
    await CancellationScope.nonCancellable(() => cleanup.hangUp(live));
  } catch (err) {
    log.error('hang-up failed; the call may still be live', { callId: order.id, attempt, error: String(err) });
  }
}

/** The transcript a cancelled conversation reported before it hung up (see the `converse` activity); null: none. */
function partialTranscript(err: unknown): TranscriptEntry[] | null {
  const cancelled = err instanceof ActivityFailure ? err.cause : err;
  if (!(cancelled instanceof CancelledFailure)) return null;
  const [details] = cancelled.details as [{ transcript?: unknown } | undefined];
  return Array.isArray(details?.transcript) ? (details.transcript as TranscriptEntry[]) : null;
}

/** Dials once. An infrastructure failure (worker lost, timeout) ends the attempt as `non_classified_error`. */
async function dialOnce(order: NormalizedOrder, attempt: number, state: OrderState): Promise<DialResult> {
  try {
    return await dial({
      callId: order.id,
      attempt,
      to: order.phoneNumber,
      from: order.fromPhoneNumber,
      detectAnsweringMachine: true,
    });
  } catch (err) {
    if (isCancellation(err)) {
      state.patchAttempt({
        status: 'error',
        ended_at: isoUtc(Date.now()),
        ended_by: 'system',
        end_reason: 'cancelled',
      });
      throw err;
    }
    log.warn('dial failed', { callId: order.id, attempt, error: String(err) });
    return { status: 'failed', dialError: 'non_classified_error', sipCode: 0, endedAtMs: Date.now() };
  }
}

/** Structured output of a conversation; null when extraction failed (the order's outcome does not depend on it). */
async function extractOutput(
  order: NormalizedOrder,
  attempt: number,
  transcript: Parameters<Activities['extract']>[0]['transcript'],
): Promise<Record<string, unknown> | null> {
  try {
    return await extraction.extract({
      callId: order.id,
      attempt,
      transcript,
      fields: order.structuredOutputConfig,
      llmModel: order.llmModel,
      timeZone: order.schedule.zones[0] ?? null,
      referenceAtMs: Date.now(),
    });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('structured output extraction failed', { callId: order.id, attempt, error: String(err) });
    return null;
  }
}
