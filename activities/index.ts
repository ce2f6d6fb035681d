import { Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import type {
  ConversationRequest,
  ConversationResult,
  DialRequest,
  DialResult,
  ExtractionRequest,
  Providers,
} from './providers/types';

export interface ActivityDeps {
  providers: Providers;
  logger: Logger;
  /** How often a long activity heartbeats (and so how fast it notices a cancellation). */
  heartbeatIntervalMs?: number;
}

/** Runs `work` with periodic heartbeats; the signal aborts when Temporal cancels the activity. */
async function withHeartbeats<T>(intervalMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => {
    context.heartbeat();
  }, intervalMs);
  try {
    return await work(context.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
}

/** The activities of the worker, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  const heartbeatMs = deps.heartbeatIntervalMs ?? 1000;
  const log = (ref: { callId: string; attempt: number }) =>
    deps.logger.child({ call_id: ref.callId, attempt: ref.attempt });

  return {
    async dial(request: DialRequest): Promise<DialResult> {
      log(request).info({ to: request.to }, 'dialing');
      const result = await withHeartbeats(heartbeatMs, (signal) => deps.providers.telephony.dial(request, signal));
      log(request).info({ status: result.status }, 'dial ended');
      return result;
    },

    async converse(request: ConversationRequest): Promise<ConversationResult> {
      const result = await withHeartbeats(heartbeatMs, (signal) => deps.providers.voiceAgent.converse(request, signal));
      log(request).info(
        { reached: result.reached, ended_by: result.endedBy, end_reason: result.endReason },
        'call ended',
      );
      return result;
    },

    async extract(request: ExtractionRequest): Promise<Record<string, unknown>> {
      return withHeartbeats(heartbeatMs, (signal) => deps.providers.extractor.extract(request, signal));
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
