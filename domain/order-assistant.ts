import type { AssistantInput, CallRetryConfigInput } from './contract/assistant';

/**
 * `call_retry_config` of an order placed with `assistant_id`: the stored assistant's config is the default, and
 * each field the order sets itself (in its inline `assistant.call_retry_config`) replaces that field. A field
 * absent from the override keeps the stored value; `null` (only `timezone` accepts it) clears it.
 * `calling_windows` is one field: an override replaces the whole list.
 * @returns the merged config, or null when neither sets one (then the scheduling defaults apply)
 */
export function mergeRetryConfig(
  stored: CallRetryConfigInput | null | undefined,
  override: CallRetryConfigInput | null | undefined,
): CallRetryConfigInput | null {
  if (!override) return stored ?? null;
  if (!stored) return override;
  const fields: Record<string, unknown> = override;
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { ...stored, ...given };
}

/**
 * The assistant an order placed with `assistant_id` runs with: the stored assistant (`assistant_id` wins over
 * an inline assistant, SPEC §6), except that the inline assistant's `call_retry_config` overrides the stored one
 * field by field (see {@link mergeRetryConfig}). Every other inline field is ignored.
 */
export function orderAssistant(stored: AssistantInput, inline: AssistantInput | null | undefined): AssistantInput {
  const callRetryConfig = mergeRetryConfig(stored.call_retry_config, inline?.call_retry_config);
  return { ...stored, call_retry_config: callRetryConfig };
}
