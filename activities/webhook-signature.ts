import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook delivery. */
export const WEBHOOK_HEADERS = {
  eventId: 'x-call-event-id',
  timestamp: 'x-call-timestamp',
  signature: 'x-call-signature',
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<raw body>`); timestamp in Unix seconds. */
export function signWebhook(secret: string, timestampSecs: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSecs}.${rawBody}`).digest('hex')}`;
}

/**
 * Verifies a delivery as a receiver would: the signature matches and the timestamp is within `toleranceSecs` of
 * `nowSecs` (replay protection). Constant-time comparison.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string; signature: string },
  rawBody: string,
  nowSecs: number,
  toleranceSecs = 300,
): boolean {
  const timestampSecs = Number(headers.timestamp);
  if (!Number.isInteger(timestampSecs) || Math.abs(nowSecs - timestampSecs) > toleranceSecs) return false;
  const expected = Buffer.from(signWebhook(secret, timestampSecs, rawBody));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
