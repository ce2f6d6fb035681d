import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  isCancellation,
  log,
  patched,
  setHandler,
  TemporalFailure,
} from '@temporalio/workflow';
import { isFinalStatus } from '../domain/contract/enums';
import type { AttemptRecord, NormalizedOrder } from '../domain/order';
import { nextStepAfter } from '../domain/outcome';
import { earliestRetryAt, isOpenAt, nextOpenInstant } from '../domain/schedule';
import type { Call } from '../domain/contract/call';
import { runAttempt } from './attempt';
import { createSlotClient, type SlotGrant, slotLeaseMs } from './concurrency-slot';
import {
  CALL_ORDER_CONFLICT,
  type CallSummary,
  type CancelRequest,
  cancelSignal,
  cancelUpdate,
  getCallQuery,
  pauseSignal,
  pauseUpdate,
  resumeSignal,
  resumeUpdate,
} from './messages';
import { OrderState } from './order-state';
import { deliverFinalWebhook } from './webhook';

/**
 * One call order, from acceptance to its final status and webhook (SPEC §1-§5). The workflow id is the call id;
 * the input is fully normalised. Cancel (API update, signal, or Temporal cancellation) ends it `cancelled`; pause
 * stops dialing until resume. Returns the final `Call`.
 */
export async function callOrder(order: NormalizedOrder): Promise<Call> {
  const state = new OrderState(order);
  const slots = createSlotClient(order.id, order.organizationId);
  const work = new CancellationScope();
  let paused = false;
  let attemptInProgress = false;

  const conflict = (message: string): ApplicationFailure =>
    ApplicationFailure.nonRetryable(message, CALL_ORDER_CONFLICT);
  const rejectIfFinal = (action: string): void => {
    if (isFinalStatus(state.call.status)) throw conflict(`cannot ${action} an order that is ${state.call.status}`);
  };
  const cancel = (request?: CancelRequest): void => {
    if (isFinalStatus(state.call.status)) return;
    log.info('cancel requested', { callId: order.id, reason: request?.reason ?? null });
    work.cancel();
  };

  const summary = (): CallSummary => {
    const { id, status, waiting_for, next_attempt_at, calls_count } = state.call;
    return { id, status, waiting_for, next_attempt_at, calls_count };
  };

  setHandler(getCallQuery, () => state.call);
  setHandler(cancelSignal, cancel);
  setHandler(pauseSignal, () => {
    if (!isFinalStatus(state.call.status)) paused = true;
  });
  setHandler(resumeSignal, () => {
    paused = false;
  });
  setHandler(
    cancelUpdate,
    async (request: CancelRequest) => {
      cancel(request);
      await condition(() => isFinalStatus(state.call.status));
      return summary();
    },
    {
      validator: (_request: CancelRequest) => {
        rejectIfFinal('cancel');
      },
    },
  );
  setHandler(
    pauseUpdate,
    async () => {
      paused = true;
      if (!attemptInProgress) {
        // Until the order rests paused, or a resume (or the end) came first.
        await condition(() => state.call.status === 'paused' || isFinalStatus(state.call.status) || !paused);
      }
      return summary();
    },
    {
      validator: () => {
        rejectIfFinal('pause');
      },
    },
  );
  setHandler(
    resumeUpdate,
    async () => {
      paused = false;
      await condition(() => state.call.status !== 'paused');
      return summary();
    },
    {
      validator: () => {
        rejectIfFinal('resume');
        if (!paused) throw conflict(`cannot resume an order that is not paused (${state.call.status})`);
      },
    },
  );

  /** Waits until the next attempt may start: after `earliestMs`, in an open window, not paused. Null: never. */
  async function waitUntilDue(earliestMs: number, attempt: number): Promise<number | null> {
    for (;;) {
      if (paused) {
        state.setStatus('paused');
        await condition(() => !paused);
      }
      const nowMs = Date.now();
      if (attempt === 1 && order.schedule.forceNow) return nowMs;
      const openMs = nextOpenInstant(order.schedule, Math.max(nowMs, earliestMs));
      if (openMs === null) return null;
      if (openMs <= nowMs) return nowMs;
      if (nowMs < earliestMs) {
        state.setStatus('scheduled', { for: attempt === 1 ? 'schedule' : 'retry', untilMs: openMs });
        await condition(() => paused, earliestMs - nowMs);
      } else {
        state.setStatus('queued_for_calling', { for: 'window', untilMs: openMs });
        await condition(() => paused, openMs - nowMs);
      }
    }
  }

  /**
   * With `concurrency`, waits for a slot of the key (no attempt is spent waiting). A slot granted once the window
   * has closed, or while paused, is given back: 'retry-later' sends the order back to waiting for its window.
   */
  async function acquireSlot(attempt: number): Promise<SlotGrant | null | 'retry-later'> {
    if (!order.concurrency) return null;
    state.setStatus('queued_for_calling', { for: 'slot' });
    const grant = await slots.acquire({
      key: order.concurrency.key,
      max: order.concurrency.max,
      attempt,
      leaseMs: slotLeaseMs(order.maxCallDurationSecs),
      giveUp: () => paused,
    });
    if (grant === null) return 'retry-later';
    const forced = attempt === 1 && order.schedule.forceNow;
    if (!paused && (forced || isOpenAt(order.schedule, Date.now()))) return grant;
    log.info('slot granted outside the window or while paused; given back', { callId: order.id, attempt });
    await slots.release(grant);
    return 'retry-later';
  }

  async function dialUntilDone(): Promise<void> {
    const history: AttemptRecord[] = [];
    let voicemailLeft = false;
    let earliestMs = order.schedule.scheduledAtMs ?? order.createdAtMs;
    for (let attempt = 1; ;) {
      const dueMs = await waitUntilDue(earliestMs, attempt);
      if (dueMs === null) {
        log.warn('no open calling window within the search horizon', { callId: order.id, attempt });
        state.setStatus('errored');
        return;
      }
      // A cancel that came before the attempt began (even in the workflow task that started the order) means no
      // attempt at all, not an attempt that records itself and then never dials. Patched: orders still delivering
      // their webhook replay the old command sequence.
      if (CancellationScope.current().consideredCancelled && patched('no-attempt-once-cancelled')) {
        throw new CancelledFailure('cancelled before the attempt began');
      }

      const grant = await acquireSlot(attempt);
      if (grant === 'retry-later') continue;
      // A cancel that came with the grant: give the slot back, make no attempt. Patched like the check above.
      if (grant && CancellationScope.current().consideredCancelled && patched('no-attempt-once-cancelled-at-grant')) {
        await slots.release(grant);
        throw new CancelledFailure('cancelled as the slot was granted');
      }

      attemptInProgress = true;
      // The slot is for the live call: it goes back as soon as the call ends, before extraction (patched: orders
      // placed before gave it back after extraction).
      const releaseEarly = grant !== null && patched('release-slot-when-call-ends');
      const { outcome, record } = await runAttempt(
        order,
        attempt,
        state,
        voicemailLeft ? null : order.script.voicemailMessage,
        releaseEarly ? () => slots.release(grant) : undefined,
      ).finally(async () => {
        attemptInProgress = false;
        if (grant) await slots.release(grant);
      });
      history.push(record);
      if (outcome.kind === 'answered' && outcome.voicemailLeft) voicemailLeft = true;
      log.info('attempt ended', { callId: order.id, attempt, outcome });

      const step = nextStepAfter(outcome);
      if (step !== 'retry') {
        state.setStatus(step === 'error' ? 'errored' : 'completed');
        return;
      }
      const nextMs = earliestRetryAt(order.schedule, history);
      if (nextMs === null) {
        state.setStatus('completed');
        return;
      }
      earliestMs = nextMs;
      attempt += 1;
    }
  }

  try {
    await work.run(dialUntilDone);
  } catch (err) {
    if (isCancellation(err)) {
      state.setStatus('cancelled');
      log.info('call order cancelled', { callId: order.id });
    } else if (err instanceof TemporalFailure) {
      // An activity that ran out of retries (slot request, hang-up): the order cannot go on, but it ends as an
      // order (errored, webhook sent), never as a failed run with a half-written state.
      log.error('call order stopped by a failure', { callId: order.id, error: String(err) });
      state.closeOpenAttempt('system_error');
      state.setStatus('errored');
    } else {
      throw err;
    }
  }

  await deliverFinalWebhook(order, state);
  // Non-cancellable: after a Temporal cancellation the root scope is cancelled, yet the order completes normally.
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return state.call;
}
