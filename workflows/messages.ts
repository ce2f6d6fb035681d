import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Call } from '../domain/contract/call';

/** The order as the API returns it. */
export const getCallQuery = defineQuery<Call>('getCall');

/** Cancel from ops tooling (`temporal workflow signal --name cancel`); same effect as the API's cancel. */
export interface CancelRequest {
  reason?: string;
}

export const cancelSignal = defineSignal<[CancelRequest?]>('cancel');
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');

/** Cancel, pause and resume as updates: the API gets the new state back, or a rejection when not allowed. */
export const cancelUpdate = defineUpdate<Call, [CancelRequest]>('cancelCall');
export const pauseUpdate = defineUpdate<Call>('pauseCall');
export const resumeUpdate = defineUpdate<Call>('resumeCall');
