import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { addAttempt, initialCall, isoUtc, patchLastAttempt, withStatus } from '../domain/call-state';
import type { Call } from '../domain/contract/call';
import { type CallStatus, isFinalStatus } from '../domain/contract/enums';
import type { NormalizedOrder } from '../domain/order';
import {
  type CancelRequest,
  cancelSignal,
  cancelUpdate,
  getCallQuery,
  pauseSignal,
  pauseUpdate,
  resumeSignal,
  resumeUpdate,
  CALL_ORDER_CONFLICT,
} from './messages';
import * as sa from './search-attributes';

const { dial, converse, extract } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds' },
});

/**
 * One call order: waits until it is due, dials, converses, extracts, and ends with its final `Call`.
 * The workflow id is the call id.
 */
export async function callOrder(order: NormalizedOrder): Promise<Call> {
  let call = initialCall(order);
  let paused = false;
  const work = new CancellationScope();

  const now = (): number => Date.now();
  const setStatus = (status: CallStatus, extra: Partial<Call> = {}): void => {
    call = withStatus(call, status, now(), extra);
    upsertSearchAttributes([
      { key: sa.CallStatus, value: call.status },
      { key: sa.CallAttemptCount, value: call.calls_count },
    ]);
  };
  const requestCancel = (): void => {
    if (isFinalStatus(call.status)) return;
    work.cancel();
  };
  const assertNotFinal = (action: string): void => {
    if (isFinalStatus(call.status)) {
      throw ApplicationFailure.nonRetryable(`cannot ${action} an order that is ${call.status}`, CALL_ORDER_CONFLICT);
    }
  };

  setHandler(getCallQuery, () => call);
  setHandler(cancelSignal, requestCancel);
  setHandler(pauseSignal, () => {
    paused = true;
  });
  setHandler(resumeSignal, () => {
    paused = false;
  });
  setHandler(
    cancelUpdate,
    (_request: CancelRequest) => {
      requestCancel();
      return call;
    },
    {
      validator: (_request: CancelRequest) => {
        assertNotFinal('cancel');
      },
    },
  );
  setHandler(
    pauseUpdate,
    () => {
      paused = true;
      return call;
    },
    {
      validator: () => {
        assertNotFinal('pause');
      },
    },
  );
  setHandler(
    resumeUpdate,
    () => {
      paused = false;
      return call;
    },
    {
      validator: () => {
        assertNotFinal('resume');
        if (!paused)
          throw ApplicationFailure.nonRetryable('cannot resume an order that is not paused', CALL_ORDER_CONFLICT);
      },
    },
  );

  try {
    await work.run(async () => {
      const dueMs = order.schedule.forceNow ? now() : Math.max(now(), order.schedule.scheduledAtMs ?? now());
      if (dueMs > now()) {
        setStatus('scheduled', { next_attempt_at: isoUtc(dueMs), waiting_for: 'schedule' });
        await sleep(dueMs - now());
      }
      if (paused) {
        setStatus('paused');
        await condition(() => !paused);
      }
      setStatus('calling');
      call = addAttempt(call, { id: `${order.id}-1`, startedAtMs: now() }, now());
      const ref = { callId: order.id, attempt: 1 };
      call = patchLastAttempt(call, { status: 'ringing' }, now());
      const dialed = await dial({
        ...ref,
        to: order.phoneNumber,
        from: order.fromPhoneNumber,
        detectAnsweringMachine: true,
      });
      if (dialed.status === 'failed') {
        call = patchLastAttempt(
          call,
          { status: 'error', dial_error: dialed.dialError, ended_at: isoUtc(dialed.endedAtMs) },
          now(),
        );
        setStatus('completed');
        return;
      }
      call = patchLastAttempt(
        call,
        { status: 'ongoing', result: dialed.answeredBy, answered_at: isoUtc(dialed.answeredAtMs) },
        now(),
      );
      const talk = await converse({
        ...ref,
        providerCallId: dialed.providerCallId,
        to: order.phoneNumber,
        answeredBy: dialed.answeredBy,
        script: order.script,
        voicemailMessage: order.script.voicemailMessage,
        ivrNavigationEnabled: order.ivrNavigationEnabled,
        transferPhoneNumber: order.transferPhoneNumber,
        maxCallDurationSecs: order.maxCallDurationSecs,
        structuredOutputConfig: order.structuredOutputConfig,
      });
      call = patchLastAttempt(
        call,
        {
          status: 'completed',
          result: talk.reached,
          ended_at: isoUtc(talk.endedAtMs),
          ended_by: talk.endedBy,
          end_reason: talk.endReason,
          transcript: talk.transcript,
          recording_url: talk.recordingUrl,
        },
        now(),
      );
      setStatus('post_processing');
      if (talk.reachedHuman && order.structuredOutputConfig.length > 0) {
        const output = await extract({
          ...ref,
          transcript: talk.transcript,
          fields: order.structuredOutputConfig,
          llmModel: order.llmModel,
        });
        call = patchLastAttempt(call, { structured_output: output }, now());
      }
      setStatus('completed');
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
    setStatus('cancelled');
    log.info('call order cancelled', { callId: order.id, workflowId: workflowInfo().workflowId });
  }
  return call;
}
