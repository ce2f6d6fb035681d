import { z } from 'zod';

/**
 * Product limits beyond the reference contract's bounds, so that the worst allowed order stays far below Temporal's
 * limits (2 MB payloads, 10 k history events): see the README's Limitations.
 */
export const MAX_ATTEMPTS = 50;
/** Longest retry delay: 30 days. */
export const MAX_RETRY_DELAY_SECONDS = 30 * 24 * 3600;
/** Longest prompt: every attempt that reaches someone carries it to the voice agent. */
export const MAX_PROMPT_CHARS = 100_000;
/** Longest call: 2 hours. */
export const MAX_CALL_DURATION_SECS = 7200;

/** A calling window as the contract spells it; times are validated and parsed by the scheduling rules. */
export const callingWindowSchema = z.object({
  calling_window_start_time: z.string().default('10:00'),
  calling_window_end_time: z.string().default('18:00'),
  retry_delay_seconds: z.number().int().positive().max(MAX_RETRY_DELAY_SECONDS).default(7200),
});

export const allowedDaySchema = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export type AllowedDay = z.infer<typeof allowedDaySchema>;

/** `call_retry_config`: windows, delays and the total number of attempts. */
export const callRetryConfigSchema = z.object({
  calling_windows: z.array(callingWindowSchema).min(1).max(24).optional(),
  max_retry_attempts: z.number().int().positive().max(MAX_ATTEMPTS).optional(),
  timezone: z.string().nullish(),
  /** Newer reference: days of the week, in recipient time. */
  allowed_days: z.array(allowedDaySchema).min(1).max(7).optional(),
  /** Newer reference: attempt #2 skips the retry delay when attempt #1 reached no human. */
  call_twice_in_a_row: z.boolean().optional(),
  /** Newer reference: every attempt ignores windows and allowed days. */
  skip_calling_window: z.boolean().optional(),
});
export type CallRetryConfigInput = z.infer<typeof callRetryConfigSchema>;

/** `call_retry_config` in responses: the config the order applies, defaults filled in (`effectiveRetryConfig`). */
export const callRetryConfigResponseSchema = callRetryConfigSchema.extend({
  calling_windows: z.array(
    z.object({
      calling_window_start_time: z.string(),
      calling_window_end_time: z.string(),
      retry_delay_seconds: z.number(),
    }),
  ),
  max_retry_attempts: z.number().int(),
  timezone: z.string().nullable(),
});

export const llmModelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dedicated-instance'), name: z.enum(['gpt-4.1', 'ministral-3-8b-instruct']) }),
  z.object({
    type: z.literal('openrouter'),
    openrouter_model_id: z.string().min(1),
    openrouter_provider: z.string().min(1),
  }),
]);
export type LlmModel = z.infer<typeof llmModelSchema>;

/**
 * One field to extract after a conversation. Decision (the contract is silent): a field of type `enum` needs a
 * non-empty `enum_options`, since nothing could ever validate against an empty set.
 */
export const structuredOutputFieldSchema = z
  .object({
    name: z.string().min(1).max(200),
    required: z.boolean(),
    type: z.enum(['string', 'number', 'boolean', 'enum', 'date', 'datetime']),
    description: z.string().nullish(),
    enum_options: z.array(z.string().min(1)).nullish(),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'enum' && (field.enum_options ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['enum_options'], message: 'a field of type enum needs enum_options' });
    }
  });
export type StructuredOutputField = z.infer<typeof structuredOutputFieldSchema>;

export const voiceSchema = z.object({
  id: z.string().min(1),
  provider: z.enum(['cartesia', 'elevenlabs']),
  speed: z.number().min(0.6).max(1.5).nullish(),
});

/** An absolute `http:` or `https:` URL (webhooks are POSTed there). */
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const faqItemSchema = z.object({
  question: z.string(),
  answer: z.string(),
  id: z.string().nullish(),
  needs_human_answer: z.boolean().nullish(),
  source: z.enum(['human', 'ai']).nullish(),
});

/** The assistant configuration of the contract, as a client sends it. */
export const assistantInputSchema = z.object({
  name: z.string().min(1).max(200).optional(),
  prompt: z.string().min(1).max(MAX_PROMPT_CHARS),
  background_sound: z.literal('audio/office.ogg').nullish(),
  calendly: z.object({ connection_id: z.string().min(1), event_type_id: z.string().min(1) }).nullish(),
  call_retry_config: callRetryConfigSchema.nullish(),
  end_of_call_sentence: z.string().nullish(),
  faq_items: z.array(faqItemSchema).nullish(),
  first_sentence: z.string().nullish(),
  first_sentence_delay_ms: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
  first_sentence_mode: z.enum(['generated', 'static', 'none']).nullish(),
  ivr_navigation_enabled: z.boolean().nullish(),
  llm_model: llmModelSchema.nullish(),
  max_call_duration_secs: z.number().positive().max(MAX_CALL_DURATION_SECS).nullish(),
  structured_output_config: z
    .array(structuredOutputFieldSchema)
    .max(100)
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'field names must be unique')
    .nullish(),
  transfer_phone_number: z.string().nullish(),
  voice: voiceSchema.nullish(),
  voicemail_message: z.string().nullish(),
  webhook_url: httpUrlSchema.nullish(),
});
export type AssistantInput = z.infer<typeof assistantInputSchema>;
