import { ActivityFailure, ApplicationFailure, CancellationScope, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { isoUtc } from '../domain/call-state';
import type { NormalizedOrder } from '../domain/order';
import type { OrderState } from './order-state';

/** Webhook retries: backoff from 10 s to an hour, for a little over a day in all (SPEC §5). */
const { deliverWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '26 hours',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 40 },
});

/** Posts the final `Call` to the order's webhook once; its delivery state lands on the order. Never cancelled. */
export async function deliverFinalWebhook(order: NormalizedOrder, state: OrderState): Promise<void> {
  if (!order.webhookUrl) return;
  const url = order.webhookUrl;
  const eventId = `evt_${order.id}`;
  const pending = { ...state.call.webhook_delivery, status: 'pending' as const, event_id: eventId };
  state.patchCall({ webhook_delivery: pending });

  await CancellationScope.nonCancellable(async () => {
    try {
      const result = await deliverWebhook({ url, eventId, call: state.call });
      state.patchCall({
        webhook_delivery: {
          ...pending,
          status: 'delivered',
          attempts: result.attempts,
          last_status_code: result.statusCode,
          delivered_at: isoUtc(result.deliveredAtMs),
        },
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : err;
      const details =
        cause instanceof ApplicationFailure ? (cause.details?.[0] as { statusCode?: number } | undefined) : undefined;
      log.warn('webhook not delivered', { callId: order.id, error: String(cause) });
      state.patchCall({
        webhook_delivery: {
          ...pending,
          status: 'failed',
          last_status_code: details?.statusCode ?? null,
          last_error: cause instanceof Error ? cause.message : String(cause),
        },
      });
    }
  });
}
