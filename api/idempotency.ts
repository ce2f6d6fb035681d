import type { PlaceCallRequest } from '../domain/contract/place-call';
import { normalizePhoneNumber } from '../domain/phone';
import { createHash } from 'node:crypto';
import { ApiError } from './errors';

/** JSON with object keys sorted at every level, so that key order does not change a fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The fingerprint of a parsed request body (defaults applied, unknown keys dropped, key order ignored). */
export function bodyFingerprint(parsedBody: unknown): string {
  return sha256(canonicalJson(parsedBody));
}

/**
 * A `POST /call` body in the form two equivalent requests share: phone numbers in E.164, `scheduled_at` as a UTC
 * instant, assistant defaults spelled out. A retry formatted differently is then the same request.
 */
export function canonicalOrderBody(body: PlaceCallRequest): PlaceCallRequest {
  const assistant = body.assistant
    ? {
        ...body.assistant,
        first_sentence_mode: body.assistant.first_sentence_mode ?? 'generated',
        first_sentence_delay_ms: body.assistant.first_sentence_delay_ms ?? 400,
        ivr_navigation_enabled: body.assistant.ivr_navigation_enabled ?? false,
        transfer_phone_number: e164OrRaw(body.assistant.transfer_phone_number),
      }
    : body.assistant;
  const scheduledAtMs = typeof body.scheduled_at === 'string' ? Date.parse(body.scheduled_at) : Number.NaN;
  return {
    ...body,
    phone_number: e164OrRaw(body.phone_number),
    from_phone_number: e164OrRaw(body.from_phone_number),
    scheduled_at: Number.isNaN(scheduledAtMs) ? body.scheduled_at : new Date(scheduledAtMs).toISOString(),
    assistant,
  };
}

function e164OrRaw<T extends string | null | undefined>(raw: T): T | string {
  if (typeof raw !== 'string') return raw;
  try {
    return normalizePhoneNumber(raw);
  } catch {
    return raw;
  }
}

/**
 * The call id of an idempotent request: a hash of organization and key, so every API process derives the same
 * workflow id and Temporal's id uniqueness does the de-duplication.
 * @throws ApiError 400 for a key that is empty, longer than 255 characters or not printable ASCII
 */
export function idempotentCallId(organizationId: string, key: string): string {
  if (!/^[\x21-\x7e][\x20-\x7e]{0,254}$/.test(key)) {
    throw new ApiError(400, 'invalid_request', 'the request is invalid', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  }
  return `call_${sha256(`${organizationId}\u0000${key}`).slice(0, 32)}`;
}
