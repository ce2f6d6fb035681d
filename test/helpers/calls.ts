import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Call } from '../../domain/contract/call';
import { getCallQuery } from '../../workflows/messages';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/**
 * Polls the order's `getCall` query every `intervalMs` until `reached(call)` holds; throws after `timeoutMs`
 * with the last state seen, so a failing test says where the order was stuck.
 */
export async function waitForCall(
  handle: WorkflowHandle,
  reached: (call: Call) => boolean,
  { timeoutMs = 30_000, intervalMs = 100, what = 'the expected state' } = {},
): Promise<Call> {
  const deadlineMs = Date.now() + timeoutMs;
  let last: Call | undefined;
  for (;;) {
    try {
      last = await handle.query(getCallQuery);
      if (reached(last)) return last;
    } catch (err) {
      // The first workflow task may not have run yet: the query has nothing to answer.
      if (Date.now() > deadlineMs) throw err;
    }
    if (Date.now() > deadlineMs) {
      throw new Error(
        `order ${handle.workflowId} did not reach ${what} in ${timeoutMs} ms; last: ${last?.status ?? 'none'} ` +
          `(waiting_for ${last?.waiting_for ?? 'none'}, attempt ${last?.last_call_attempt?.status ?? 'none'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The `ACTIVITY_TASK_SCHEDULED` events of activity type `name`. */
export function scheduledActivities(history: History, name: string): HistoryEvent[] {
  return (history.events ?? []).filter(
    (event) =>
      event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED &&
      event.activityTaskScheduledEventAttributes?.activityType?.name === name,
  );
}

/** The `ACTIVITY_TASK_STARTED` events of the activities scheduled as `name`, with their retry attempt (1 = first). */
export function startedActivities(history: History, name: string): { scheduledEventId: number; attempt: number }[] {
  const scheduledIds = new Set(scheduledActivities(history, name).map((event) => Number(event.eventId)));
  return (history.events ?? [])
    .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
    .map((event) => event.activityTaskStartedEventAttributes)
    .filter((attrs) => attrs != null && scheduledIds.has(Number(attrs.scheduledEventId)))
    .map((attrs) => ({ scheduledEventId: Number(attrs?.scheduledEventId), attempt: attrs?.attempt ?? 0 }));
}

/** The activity input of each scheduled `dial`, decoded: which attempt of the order each one placed. */
export function dialAttempts(history: History): number[] {
  return scheduledActivities(history, 'dial').map((event) => {
    const payload = event.activityTaskScheduledEventAttributes?.input?.payloads?.[0];
    const decoded = JSON.parse(Buffer.from(payload?.data ?? new Uint8Array()).toString('utf8')) as { attempt: number };
    return decoded.attempt;
  });
}
