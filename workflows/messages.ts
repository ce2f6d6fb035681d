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
 * Cancel, pause and resume as updates: the API gets a summary of the order back, or a rejection by the (synchronous)
 * validator, an `ApplicationFailure` of type {@link CALL_ORDER_CONFLICT} when the order's state forbids it
 * (cancel or pause a final order, resume an order that is not paused): the API answers 409.
 */
export const cancelUpdate = defineUpdate<CallSummary, [CancelRequest]>('cancelCall');
export const pauseUpdate = defineUpdate<CallSummary>('pauseCall');
export const resumeUpdate = defineUpdate<CallSummary>('resumeCall');

/**
 * What an update answers: a few fields of the order, not the whole `Call` (update results are kept in history, and
 * a `Call` can weigh hundreds of kilobytes). The API reads the whole order by query afterwards.
 */
export type CallSummary = Pick<Call, 'id' | 'status' | 'waiting_for' | 'next_attempt_at' | 'calls_count'>;

/** `ApplicationFailure.type` of an update rejected because of the order's state. */
export const CALL_ORDER_CONFLICT = 'CallOrderConflict';

/**
 * A slot request as the concurrency gate receives it (by signal-with-start from the `requestSlot` activity).
 * `orderId` + `requestId` identify it: a duplicate (an activity retry) is ignored.
 */
export interface SlotRequest {
  /** Workflow id of the requesting order; the grant is signalled to it. */
  orderId: string;
  /** Unique per acquisition within the order (attempt number and a counter). */
  requestId: string;
  attempt: number;
  /** The key's limit, already resolved from the order or the server-side configuration; the newest request's wins. */
  max: number;
  /** How long the grant is held at most before the gate reclaims it (ms). */
  leaseMs: number;
}

/** Identifies a request or a grant at the gate: a release of either (withdraw or give back) is idempotent. */
export interface SlotRef {
  orderId: string;
  requestId: string;
}

/** A slot granted to an order, signalled to it by the gate. */
export interface SlotGrant extends SlotRef {
  gateWorkflowId: string;
  key: string;
  attempt: number;
  /** Epoch ms (gate workflow time) after which the gate reclaims the slot. */
  leaseExpiresAtMs: number;
  /** The gate's sequence number of the request (arrival order) and of the grant. */
  requestSeq: number;
  grantSeq: number;
}

/** A holder or waiter as the gate state shows it. */
export interface GateEntry extends SlotRef {
  attempt: number;
  leaseMs: number;
  requestSeq: number;
  requestedAtMs: number;
}

export interface GateHolder extends GateEntry {
  grantedAtMs: number;
  leaseExpiresAtMs: number;
  grantSeq: number;
}

/** The gate's state: what its query returns and what continue-as-new carries over. */
export interface GateState {
  organizationId: string;
  key: string;
  max: number;
  holders: GateHolder[];
  queue: GateEntry[];
  /** Requests and grants since the gate was created (across continue-as-new). */
  requestsTotal: number;
  grantsTotal: number;
  /** Leases that ran out (a holder that never released) since the gate was created. */
  leasesExpiredTotal: number;
}

export const slotRequestSignal = defineSignal<[SlotRequest]>('slotRequest');
export const slotReleaseSignal = defineSignal<[SlotRef]>('slotRelease');
/** Sent by the gate to the requesting order. */
export const slotGrantedSignal = defineSignal<[SlotGrant]>('slotGranted');
export const gateStateQuery = defineQuery<GateState>('gateState');

/** The workflow id of the concurrency gate of one key of one organization: `gate:<org>:<key>` (both URI-encoded). */
export function gateWorkflowId(organizationId: string, key: string): string {
  return `gate:${encodeURIComponent(organizationId)}:${encodeURIComponent(key)}`;
}
