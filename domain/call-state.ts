import type { Call, CallAttempt } from './contract/call';
import { type CallStatus, isFinalStatus } from './contract/enums';
import type { NormalizedOrder } from './order';
import { effectiveRetryConfig } from './windows';

/** ISO 8601 UTC with `Z` for an epoch-ms instant. */
export function isoUtc(atMs: number): string {
  return new Date(atMs).toISOString();
}

/** The `Call` of a freshly accepted order (status `initializing`, no attempt). */
export function initialCall(order: NormalizedOrder): Call {
  const createdAt = isoUtc(order.createdAtMs);
  return {
    id: order.id,
    organization_id: order.organizationId,
    status: 'initializing',
    is_completed: false,
    is_cancelled: false,
    direction: 'outbound',
    to_phone_number: order.phoneNumber,
    from_phone_number: order.fromPhoneNumber,
    assistant: order.assistant,
    call_retry_config: effectiveRetryConfig(order.callRetryConfig),
    llm_model: order.llmModel,
    first_sentence_delay_ms: order.script.firstSentenceDelayMs,
    metadata: order.metadata,
    campaign: null,
    created_at: createdAt,
    updated_at: createdAt,
    scheduled_at: order.schedule.scheduledAtMs === null ? null : isoUtc(order.schedule.scheduledAtMs),
    calls_count: 0,
    call_attempts: [],
    last_call_attempt: null,
    timezones: order.schedule.zones,
    next_attempt_at: null,
    waiting_for: null,
    webhook_delivery: {
      status: order.webhookUrl ? 'waiting' : 'none',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      event_id: null,
    },
  };
}

/** A new `Call` with `status` (and the derived flags) set at `nowMs`. */
export function withStatus(call: Call, status: CallStatus, nowMs: number, extra: Partial<Call> = {}): Call {
  return {
    ...call,
    ...extra,
    status,
    is_completed: status === 'completed',
    is_cancelled: status === 'cancelled',
    waiting_for: isFinalStatus(status) ? null : (extra.waiting_for ?? null),
    next_attempt_at: isFinalStatus(status) ? null : (extra.next_attempt_at ?? null),
    updated_at: isoUtc(nowMs),
  };
}

/** A new attempt, queued, as the newest of `call_attempts`. */
export function addAttempt(call: Call, attempt: { id: string; startedAtMs: number }, nowMs: number): Call {
  const entry: CallAttempt = {
    id: attempt.id,
    phone_number: call.to_phone_number,
    status: 'queued',
    started_at: isoUtc(attempt.startedAtMs),
    answered_at: null,
    ended_at: null,
    dial_error: null,
    result: null,
    recording_url: null,
    ended_by: null,
    end_reason: null,
    structured_output: null,
    transcript: null,
  };
  const attempts = [entry, ...call.call_attempts];
  return {
    ...call,
    call_attempts: attempts,
    last_call_attempt: entry,
    calls_count: attempts.length,
    updated_at: isoUtc(nowMs),
  };
}

/** A new `Call` with the newest attempt patched. */
export function patchLastAttempt(call: Call, patch: Partial<CallAttempt>, nowMs: number): Call {
  const [head, ...rest] = call.call_attempts;
  if (!head) return call;
  const updated = { ...head, ...patch };
  return { ...call, call_attempts: [updated, ...rest], last_call_attempt: updated, updated_at: isoUtc(nowMs) };
}
