import { z } from 'zod';
import { answeredBySchema, attemptStatusSchema, callStatusSchema, dialErrorSchema, endedBySchema } from './enums';
import { transcriptRoleSchema } from './enums';
import { assistantInputSchema, callRetryConfigResponseSchema, llmModelSchema } from './assistant';

const isoInstant = z.iso.datetime();

export const transcriptEntrySchema = z.object({
  role: transcriptRoleSchema,
  content: z.string(),
  tool_name: z.string().nullable().optional(),
  tool_arguments: z.union([z.record(z.string(), z.unknown()), z.string(), z.null()]).optional(),
  tool_is_error: z.boolean().nullable().optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** One dial of an order: `queued → ringing → ongoing → completed`, or `error`. */
export const callAttemptSchema = z.object({
  id: z.string(),
  phone_number: z.string(),
  status: attemptStatusSchema,
  started_at: isoInstant.nullable(),
  answered_at: isoInstant.nullable(),
  ended_at: isoInstant.nullable(),
  dial_error: dialErrorSchema.nullable(),
  result: answeredBySchema.nullable(),
  recording_url: z.string().nullable(),
  ended_by: endedBySchema.nullable(),
  end_reason: z.string().nullable(),
  structured_output: z.record(z.string(), z.unknown()).nullable(),
  transcript: z.array(transcriptEntrySchema).nullable(),
});
export type CallAttempt = z.infer<typeof callAttemptSchema>;

export const callAssistantSchema = assistantInputSchema.extend({
  id: z.string(),
  name: z.string(),
  organization_id: z.string(),
  created_at: isoInstant,
  updated_at: isoInstant,
  first_sentence_delay_ms: z.number().int(),
  first_sentence_mode: z.enum(['generated', 'static', 'none']),
  ivr_navigation_enabled: z.boolean(),
  llm_model: llmModelSchema,
  max_call_duration_secs: z.number(),
  call_retry_config: callRetryConfigResponseSchema,
});
export type CallAssistant = z.infer<typeof callAssistantSchema>;

/**
 * Extension: the final webhook. `none`: no `webhook_url`; `waiting`: the order has not ended yet; `pending`: being
 * delivered (retried with backoff); `delivered`; `failed` (refused, out of retries, or the run ended without one).
 */
export const webhookDeliverySchema = z.object({
  status: z.enum(['none', 'waiting', 'pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  delivered_at: isoInstant.nullable(),
  event_id: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** The call order as every response shows it (`{ "call": Call }`). Extensions are marked. */
export const callSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  status: callStatusSchema,
  is_completed: z.boolean(),
  is_cancelled: z.boolean(),
  direction: z.literal('outbound'),
  to_phone_number: z.string(),
  from_phone_number: z.string().nullable(),
  assistant: callAssistantSchema.nullable(),
  call_retry_config: callRetryConfigResponseSchema,
  llm_model: llmModelSchema,
  first_sentence_delay_ms: z.number().int(),
  metadata: z.record(z.string(), z.string()).nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  created_at: isoInstant,
  updated_at: isoInstant,
  scheduled_at: isoInstant.nullable(),
  calls_count: z.number().int(),
  call_attempts: z.array(callAttemptSchema),
  last_call_attempt: callAttemptSchema.nullable(),
  /** Extension: the recipient zones the windows are judged in. */
  timezones: z.array(z.string()),
  /** Extension: when the next attempt may start, when one is planned. */
  next_attempt_at: isoInstant.nullable(),
  /** Extension: what a queued order is waiting for. */
  waiting_for: z.enum(['schedule', 'window', 'slot', 'retry']).nullable(),
  /** Extension: the state of the final webhook. */
  webhook_delivery: webhookDeliverySchema,
});
export type Call = z.infer<typeof callSchema>;
