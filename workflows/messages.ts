import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Call } from '../domain/contract/call';

/** The order as the API returns it. */
export const getCallQuery = defineQuery<Call>('getCall');

export interface CancelRequest {
  reason?: string;
}

/** Cancel from ops tooling (`temporal workflow signal --name cancel`); same effect as the API's cancel. */
export const cancelSignal = defineSignal<[CancelRequest?]>('cancel');
/** Pause / resume from ops tooling; the API uses the updates below. */
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');

/**
 * Cancel, pause and resume as updates: the API gets the order back, or a rejection by the (synchronous)
 * validator, an `ApplicationFailure` of type {@link CALL_ORDER_CONFLICT} when the order's state forbids it
 * (cancel or pause a final order, resume an order that is not paused): the API answers 409.
 */
export const cancelUpdate = defineUpdate<Call, [CancelRequest]>('cancelCall');
export const pauseUpdate = defineUpdate<Call>('pauseCall');
export const resumeUpdate = defineUpdate<Call>('resumeCall');

/** `ApplicationFailure.type` of an update rejected because of the order's state. */
export const CALL_ORDER_CONFLICT = 'CallOrderConflict';
