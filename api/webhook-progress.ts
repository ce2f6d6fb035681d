import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { Call } from '../domain/contract/call';

/**
 * `webhook_delivery` of an order whose delivery activity is pending: the workflow learns how a delivery went only
 * once it ends, so the tries so far and the last failure come from the activity Temporal is retrying.
 */
export function withDeliveryProgress(
  call: Call,
  pending: readonly temporal.api.workflow.v1.IPendingActivityInfo[],
): Call {
  const delivery = pending.find((activity) => activity.activityType?.name === 'deliverWebhook');
  if (delivery === undefined || call.webhook_delivery.status !== 'pending') return call;
  const failure = delivery.lastFailure;
  const [detailsPayload] = failure?.applicationFailureInfo?.details?.payloads ?? [];
  const details = detailsPayload
    ? defaultPayloadConverter.fromPayload<{ statusCode?: number } | undefined>(detailsPayload)
    : undefined;
  return {
    ...call,
    webhook_delivery: {
      ...call.webhook_delivery,
      // `attempt` is the try under way or next: the ones before it have failed.
      attempts: Math.max(0, (delivery.attempt ?? 1) - 1),
      last_status_code: details?.statusCode ?? call.webhook_delivery.last_status_code,
      last_error: failure?.message ?? call.webhook_delivery.last_error,
    },
  };
}
