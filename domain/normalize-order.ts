import type { PlaceCallRequest } from './contract/place-call';
import type { CallAssistant } from './contract/call';
import type { NormalizedOrder } from './order';

export interface NormalizeContext {
  id: string;
  organizationId: string;
  nowMs: number;
  /** The E.164 form of `request.phone_number`. */
  phoneNumber: string;
  /** The recipient zones, already resolved. */
  zones: string[];
}

const DEFAULT_MAX_CALL_DURATION_SECS = 600;

/** Builds the workflow input from a validated request: defaults applied, nothing left to judge. */
export function normalizeOrder(request: PlaceCallRequest, context: NormalizeContext): NormalizedOrder {
  const assistant = request.assistant ?? { prompt: '' };
  const createdAt = new Date(context.nowMs).toISOString();
  const snapshot: CallAssistant = {
    ...assistant,
    id: `asst_${context.id}`,
    name: assistant.name ?? 'inline assistant',
    organization_id: context.organizationId,
    created_at: createdAt,
    updated_at: createdAt,
    first_sentence_delay_ms: assistant.first_sentence_delay_ms ?? 400,
    first_sentence_mode: assistant.first_sentence_mode ?? 'generated',
    ivr_navigation_enabled: assistant.ivr_navigation_enabled ?? false,
    llm_model: assistant.llm_model ?? { type: 'dedicated-instance', name: 'gpt-4.1' },
    max_call_duration_secs: assistant.max_call_duration_secs ?? DEFAULT_MAX_CALL_DURATION_SECS,
  };
  const scheduledAtMs = typeof request.scheduled_at === 'string' ? Date.parse(request.scheduled_at) : null;
  return {
    id: context.id,
    organizationId: context.organizationId,
    createdAtMs: context.nowMs,
    phoneNumber: context.phoneNumber,
    fromPhoneNumber: request.from_phone_number ?? null,
    schedule: {
      zones: context.zones,
      windows: [{ startMinute: 600, endMinute: 1080, retryDelaySeconds: 7200 }],
      allowedDays: [1, 2, 3, 4, 5, 6, 7],
      maxAttempts: 3,
      callTwiceInARow: false,
      skipCallingWindow: false,
      forceNow: request.force_now ?? false,
      scheduledAtMs,
    },
    script: {
      prompt: assistant.prompt,
      firstSentence: assistant.first_sentence ?? null,
      firstSentenceMode: snapshot.first_sentence_mode,
      firstSentenceDelayMs: snapshot.first_sentence_delay_ms,
      voicemailMessage: assistant.voicemail_message ?? null,
      endOfCallSentence: assistant.end_of_call_sentence ?? null,
    },
    assistant: snapshot,
    callRetryConfig: assistant.call_retry_config ?? null,
    ivrNavigationEnabled: snapshot.ivr_navigation_enabled,
    transferPhoneNumber: assistant.transfer_phone_number ?? null,
    maxCallDurationSecs: snapshot.max_call_duration_secs,
    structuredOutputConfig: assistant.structured_output_config ?? [],
    llmModel: snapshot.llm_model,
    concurrency: request.concurrency ? { key: request.concurrency.key, max: request.concurrency.max ?? null } : null,
    metadata: request.metadata ?? null,
    promptVariables: request.prompt_variables ?? {},
    webhookUrl: assistant.webhook_url ?? null,
  };
}
