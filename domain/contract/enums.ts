import { z } from 'zod';

/** `Call.status`: the lifecycle of a call order (SPEC §1). */
export const callStatusSchema = z.enum([
  'initializing',
  'scheduled',
  'queued_for_calling',
  'calling',
  'post_processing',
  'paused',
  'completed',
  'cancelled',
  'errored',
  'not_launched',
]);
export type CallStatus = z.infer<typeof callStatusSchema>;

/** Statuses from which an order never moves again. */
export const finalStatuses: readonly CallStatus[] = ['completed', 'cancelled', 'errored'];

/** True when `status` is final. */
export function isFinalStatus(status: CallStatus): boolean {
  return finalStatuses.includes(status);
}

/** `CallAttempt.status`: `queued → ringing → ongoing → completed`, or `error` when it never connected. */
export const attemptStatusSchema = z.enum(['queued', 'ringing', 'ongoing', 'completed', 'error']);
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;

/** Who or what answered an attempt. */
export const answeredBySchema = z.enum(['IVR', 'voicemail', 'human', 'unknown', 'ios-screening-filter']);
export type AnsweredBy = z.infer<typeof answeredBySchema>;

/** Why a dial never connected, as the contract names SIP failures. */
export const dialErrorSchema = z.enum([
  'number_non_attributed',
  'too_many_calls',
  'busy',
  'temporarily_unavailable',
  'no_answer',
  'no_international_permission',
  'precondition_failed',
  'non_classified_error',
]);
export type DialError = z.infer<typeof dialErrorSchema>;

/** Dial errors after which the order ends `errored` with no retry (SPEC §3). */
export const nonRetryableDialErrors: readonly DialError[] = [
  'number_non_attributed',
  'no_international_permission',
  'precondition_failed',
];

export const endedBySchema = z.enum(['agent', 'user', 'system']);
export type EndedBy = z.infer<typeof endedBySchema>;

export const transcriptRoleSchema = z.enum(['user', 'assistant', 'tool']);
