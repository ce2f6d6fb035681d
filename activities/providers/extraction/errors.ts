/**
 * Why extraction failed. `retryable` is the advice to the activity's retry policy:
 * 1. `invalid_response` (the model's answer is not the JSON object asked for): retryable, a new sample may be valid.
 * 2. `timeout` (no answer within `timeoutMs`): retryable.
 * 3. `rate_limited` (429) and `unavailable` (5xx, connection refused or reset): retryable.
 * 4. `rejected` (400, 401, 403, 404, 422: bad key, unknown model, refused schema): not retryable, a retry fails alike.
 */
export type ExtractionErrorKind = 'invalid_response' | 'timeout' | 'rate_limited' | 'unavailable' | 'rejected';

export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';

  constructor(
    readonly kind: ExtractionErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.kind !== 'rejected';
  }
}
