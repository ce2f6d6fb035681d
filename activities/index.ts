import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { ExtractionError } from './providers/extraction/errors';
import type {
  ConversationRequest,
  ConversationResult,
  DialRequest,
  DialResult,
  ExtractionRequest,
  Providers,
} from './providers/types';
import type { TranscriptEntry } from '../domain/contract/call';
import { createWebhookActivity } from './webhook';

export interface ActivityDeps {
  providers: Providers;
  logger: Logger;
  webhookSigningSecret?: string | undefined;
  /** How often a long activity heartbeats (and so how fast it notices a cancellation). */
  heartbeatIntervalMs?: number;
}

/** Runs `work` with periodic heartbeats; the signal aborts when Temporal cancels the activity. */
async function withHeartbeats<T>(intervalMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => {
    context.heartbeat();
  }, intervalMs);
  try {
    return await work(context.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
}

/**
 * Runs `work` on a live call with periodic heartbeats. The provider's signal aborts (and so hangs the call up) only
 * when the order cancels the activity; when the worker lets go of it (shutting down, a timeout) the activity fails
 * at once and leaves the call up, for its retry on another worker to re-attach to.
 */
async function onLiveCall<T>(intervalMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  const hangUp = new AbortController();
  let onAbort: () => void = () => undefined;
  const letGo = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      if (context.cancellationDetails?.cancelRequested) hangUp.abort(context.cancellationSignal.reason);
      else reject(ApplicationFailure.retryable('the worker let go of the live call', 'CallLetGo'));
    };
  });
  context.cancellationSignal.addEventListener('abort', onAbort, { once: true });
  try {
    return await withHeartbeats(intervalMs, () => Promise.race([work(hangUp.signal), letGo]));
  } finally {
    context.cancellationSignal.removeEventListener('abort', onAbort);
  }
}

/** The activities of the worker, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  const heartbeatMs = deps.heartbeatIntervalMs ?? 1000;
  const log = (ref: { callId: string; attempt: number }) =>
    deps.logger.child({ call_id: ref.callId, attempt: ref.attempt });

  return {
    /** Places the call; resolves when it is answered or has failed. Never retried: a dial must not repeat. */
    async dial(request: DialRequest): Promise<DialResult> {
      log(request).info({ to: request.to }, 'dialing');
      const result = await withHeartbeats(heartbeatMs, (signal) => deps.providers.telephony.dial(request, signal));
      log(request).info(
        result.status === 'answered' ? { answered_by: result.answeredBy } : { dial_error: result.dialError },
        'dial ended',
      );
      return result;
    },

    /**
     * Runs the agent on the connected call until it ends. Cancelling the order hangs up, and the cancellation
     * carries the transcript so far (`CancelledFailure` details: `[{ transcript }]`); a worker that stops leaves
     * the call up for the retry to re-attach to.
     */
    async converse(request: ConversationRequest): Promise<ConversationResult> {
      const turns: TranscriptEntry[] = [];
      let result: ConversationResult;
      try {
        result = await onLiveCall(heartbeatMs, (signal) =>
          deps.providers.voiceAgent.converse(request, signal, (turn) => turns.push(turn)),
        );
      } catch (err) {
        if (!Context.current().cancellationDetails?.cancelRequested) throw err;
        log(request).info({ turns: turns.length }, 'call hung up on cancellation');
        throw new CancelledFailure('the call was hung up', [{ transcript: turns }]);
      }
      log(request).info(
        { reached: result.reached, ended_by: result.endedBy, end_reason: result.endReason },
        'call ended',
      );
      return result;
    },

    /** Hangs up a live call (a no-op when it already ended). */
    async hangUp(request: { callId: string; attempt: number; providerCallId: string }): Promise<void> {
      await deps.providers.telephony.hangUp(request.providerCallId);
      log(request).info('hung up');
    },

    /** Structured output from the transcript; only validated values, never invented ones. */
    async extract(request: ExtractionRequest): Promise<Record<string, unknown>> {
      try {
        return await withHeartbeats(heartbeatMs, (signal) => deps.providers.extractor.extract(request, signal));
      } catch (err) {
        if (err instanceof ExtractionError && !err.retryable) {
          throw ApplicationFailure.nonRetryable(err.message, `Extraction_${err.kind}`);
        }
        throw err;
      }
    },

    deliverWebhook: createWebhookActivity({ logger: deps.logger, signingSecret: deps.webhookSigningSecret }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
