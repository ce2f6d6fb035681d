import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { addAttempt, initialCall, isoUtc, patchLastAttempt, withStatus } from '../domain/call-state';
import type { Call, CallAttempt } from '../domain/contract/call';
import type { CallStatus } from '../domain/contract/enums';
import type { NormalizedOrder } from '../domain/order';
import * as sa from './search-attributes';

type Waiting = NonNullable<Call['waiting_for']>;

/**
 * The `Call` a workflow holds and hands out by query, with its search attributes and Web UI details kept in step.
 * Search attributes are upserted only when one of them changes, to keep histories lean.
 */
export class OrderState {
  call: Call;
  private published = '';

  constructor(private readonly order: NormalizedOrder) {
    this.call = initialCall(order);
  }

  /** Moves the order to `status`, optionally waiting for something until `nextAttemptAtMs`. */
  setStatus(status: CallStatus, waiting?: { for: Waiting; untilMs?: number | null }): void {
    const nextAttemptAt = waiting?.untilMs == null ? null : isoUtc(waiting.untilMs);
    this.call = withStatus(this.call, status, Date.now(), {
      waiting_for: waiting?.for ?? null,
      next_attempt_at: nextAttemptAt,
    });
    this.publish();
  }

  /** Records a new attempt (status `queued`) starting now. */
  startAttempt(attempt: number): void {
    this.call = addAttempt(this.call, { id: `${this.order.id}_${attempt}`, startedAtMs: Date.now() }, Date.now());
  }

  patchAttempt(patch: Partial<CallAttempt>): void {
    this.call = patchLastAttempt(this.call, patch, Date.now());
  }

  /** Ends the newest attempt now if it has not ended (`ended_by: system`, `end_reason` as given). */
  closeOpenAttempt(endReason: string): void {
    const last = this.call.last_call_attempt;
    if (last === null || last.ended_at !== null) return;
    this.patchAttempt({
      status: last.status === 'ongoing' ? 'completed' : 'error',
      ended_at: isoUtc(Date.now()),
      ended_by: 'system',
      end_reason: endReason,
    });
  }

  patchCall(patch: Partial<Call>): void {
    this.call = { ...this.call, ...patch, updated_at: isoUtc(Date.now()) };
  }

  private publish(): void {
    const call = this.call;
    const next = call.next_attempt_at === null ? null : new Date(call.next_attempt_at);
    const values: SearchAttributeUpdatePair[] = [
      { key: sa.CallStatus, value: call.status },
      { key: sa.CallAttemptCount, value: call.calls_count },
      { key: sa.CallNextAttemptAt, value: next },
      { key: sa.CallWaitingFor, value: call.waiting_for },
      { key: sa.CallLastResult, value: call.last_call_attempt?.result ?? call.last_call_attempt?.dial_error ?? null },
    ];
    const fingerprint = JSON.stringify(values.map((pair) => pair.value));
    if (fingerprint === this.published) return;
    this.published = fingerprint;
    upsertSearchAttributes(values);
    setCurrentDetails(this.details());
  }

  /** A few lines for the Web UI's "current details". */
  private details(): string {
    const call = this.call;
    const attempts = `attempt ${call.calls_count} of ${this.order.schedule.maxAttempts}`;
    const lines = [`**${call.status}** · ${call.to_phone_number} · ${attempts}`];
    if (call.waiting_for)
      lines.push(`waiting for ${call.waiting_for}${call.next_attempt_at ? ` until ${call.next_attempt_at}` : ''}`);
    const last = call.last_call_attempt;
    if (last) {
      const reason = last.end_reason ? ` (${last.end_reason})` : '';
      lines.push(`last attempt: ${last.result ?? last.dial_error ?? last.status}${reason}`);
    }
    return lines.join('\n\n');
  }
}
