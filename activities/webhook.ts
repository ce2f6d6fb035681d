import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { Call } from '../domain/contract/call';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  eventId: string;
  call: Call;
}

export interface WebhookResult {
  statusCode: number;
  deliveredAtMs: number;
  attempts: number;
}

export interface WebhookDeps {
  logger: Logger;
  signingSecret?: string | undefined;
  /** Per-request timeout of one delivery attempt. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Statuses worth another try: server errors, request timeout, too many requests. */
function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Delivers the final `Call` (`{ "call": Call }`, as `GET /call/{id}` shows it) to `url`. One HTTP request per
 * activity attempt: network errors, 5xx, 408 and 429 throw a retryable failure (the activity's retry policy backs
 * off for more than a day); other 4xx throw a non-retryable `WebhookRejected` failure.
 */
export function createWebhookActivity(deps: WebhookDeps) {
  const send = deps.fetch ?? fetch;
  return async function deliverWebhook(request: WebhookRequest): Promise<WebhookResult> {
    const attempt = Context.current().info.attempt;
    const log = deps.logger.child({ call_id: request.call.id, event_id: request.eventId, delivery_attempt: attempt });
    const body = JSON.stringify({ call: request.call });
    const timestampSecs = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'call-orchestrator-webhook/1',
      [WEBHOOK_HEADERS.eventId]: request.eventId,
      [WEBHOOK_HEADERS.timestamp]: String(timestampSecs),
    };
    if (deps.signingSecret) headers[WEBHOOK_HEADERS.signature] = signWebhook(deps.signingSecret, timestampSecs, body);

    let response: Response;
    try {
      response = await send(request.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (err) {
      log.warn({ err: String(err) }, 'webhook delivery failed (network)');
      throw ApplicationFailure.retryable(`webhook network error: ${String(err)}`, 'WebhookNetworkError');
    }
    await response.body?.cancel();
    if (response.ok) {
      log.info({ status: response.status }, 'webhook delivered');
      return { statusCode: response.status, deliveredAtMs: Date.now(), attempts: attempt };
    }
    log.warn({ status: response.status }, 'webhook delivery refused');
    if (retryableStatus(response.status)) {
      throw ApplicationFailure.retryable(`webhook answered ${response.status}`, 'WebhookRetryableStatus', {
        statusCode: response.status,
      });
    }
    throw ApplicationFailure.nonRetryable(`webhook answered ${response.status}`, 'WebhookRejected', {
      statusCode: response.status,
    });
  };
}
