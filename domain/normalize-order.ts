import { isoUtc } from './call-state';
import type { PlaceCallRequest } from './contract/place-call';
import type { AssistantInput } from './contract/assistant';
import type { CallAssistant } from './contract/call';
import { judgeInto, type RuleIssue, ScheduleRuleError } from './errors';
import type { NormalizedOrder } from './order';
import { phoneNumberAt } from './phone';
import { fillAll } from './prompt-variables';
import { checkZoneOverlap } from './schedule';
import { buildSchedulePolicy, effectiveRetryConfig, validateScheduledAt } from './windows';
import { resolveZones, type TimezoneTable, zonesOrAskForTimezone } from './zones';

export interface NormalizeContext {
  id: string;
  organizationId: string;
  nowMs: number;
  timezoneTable: TimezoneTable;
  /** The caller id when the request names none (the default trunk, E.164); null or absent: none. */
  defaultFromPhoneNumber?: string | null;
  /** The assistant the order uses (a stored snapshot, or the inline one) and where its fields live in the body. */
  assistant?: { input: AssistantInput; id: string; createdAtMs: number; updatedAtMs: number; path: string[] };
}

/** Default `max_call_duration_secs` when the assistant sets none. */
export const DEFAULT_MAX_CALL_DURATION_SECS = 600;

/**
 * Judges every creation-time rule of SPEC §2 and builds the workflow input, defaults applied.
 * @throws ScheduleRuleError naming each failing field (phone number, zones, windows, scheduled_at, placeholders)
 */
export function normalizeOrder(request: PlaceCallRequest, context: NormalizeContext): NormalizedOrder {
  const { nowMs } = context;
  const issues: RuleIssue[] = [];
  const judged = <T>(rule: () => T): T | null => judgeInto(issues, rule);
  const assistantPath = context.assistant?.path ?? ['assistant'];
  const assistant = context.assistant?.input ?? request.assistant;

  const phoneNumber = judged(() => phoneNumberAt(request.phone_number, ['phone_number']));
  const from = request.from_phone_number;
  const fromPhoneNumber = from
    ? judged(() => phoneNumberAt(from, ['from_phone_number']))
    : (context.defaultFromPhoneNumber ?? null);
  const scheduledAtMs = judged(() => validateScheduledAt(request.scheduled_at, nowMs));
  if (!assistant) {
    issues.push({ path: ['assistant'], message: 'an order needs assistant_id or an inline assistant' });
    throw ScheduleRuleError.fromIssues(issues);
  }
  const transfer = assistant.transfer_phone_number;
  const transferPhoneNumber = transfer
    ? judged(() => phoneNumberAt(transfer, [...assistantPath, 'transfer_phone_number']))
    : null;

  const retryConfig = assistant.call_retry_config ?? null;
  const retryPath = [...assistantPath, 'call_retry_config'];
  const schedule = judged(() =>
    withPath(retryPath, () => {
      // Without a valid number there are no zones to judge the windows in; the windows are still checked.
      const zones =
        phoneNumber === null
          ? ['UTC']
          : zonesOrAskForTimezone(
              resolveZones(phoneNumber, context.timezoneTable, retryConfig?.timezone ?? null),
              phoneNumber,
            );
      const forceNow = request.force_now ?? false;
      const policy = buildSchedulePolicy({ retryConfig, zones, forceNow, scheduledAtMs });
      if (phoneNumber !== null) checkZoneOverlap(policy, forceNow ? nowMs : (scheduledAtMs ?? nowMs));
      return policy;
    }),
  );

  const variables = request.prompt_variables ?? {};
  const texts = judged(() =>
    fillAll(
      {
        prompt: { text: assistant.prompt, path: [...assistantPath, 'prompt'] },
        firstSentence: { text: assistant.first_sentence ?? null, path: [...assistantPath, 'first_sentence'] },
        voicemailMessage: { text: assistant.voicemail_message ?? null, path: [...assistantPath, 'voicemail_message'] },
        endOfCallSentence: {
          text: assistant.end_of_call_sentence ?? null,
          path: [...assistantPath, 'end_of_call_sentence'],
        },
      },
      variables,
    ),
  );
  if (issues.length > 0 || phoneNumber === null || schedule === null || texts === null) {
    throw ScheduleRuleError.fromIssues(issues);
  }

  const snapshot = assistantSnapshot(assistant, context);
  return {
    id: context.id,
    organizationId: context.organizationId,
    createdAtMs: nowMs,
    phoneNumber,
    fromPhoneNumber,
    schedule,
    script: {
      prompt: texts.prompt ?? '',
      firstSentence: texts.firstSentence,
      firstSentenceMode: snapshot.first_sentence_mode,
      firstSentenceDelayMs: snapshot.first_sentence_delay_ms,
      voicemailMessage: texts.voicemailMessage,
      endOfCallSentence: texts.endOfCallSentence,
    },
    assistant: snapshot,
    callRetryConfig: retryConfig,
    ivrNavigationEnabled: snapshot.ivr_navigation_enabled,
    transferPhoneNumber,
    maxCallDurationSecs: snapshot.max_call_duration_secs,
    structuredOutputConfig: assistant.structured_output_config ?? [],
    llmModel: snapshot.llm_model,
    concurrency: request.concurrency
      ? { key: request.concurrency.key, max: wholeSlots(request.concurrency.max) }
      : null,
    metadata: request.metadata ?? null,
    promptVariables: variables,
    webhookUrl: assistant.webhook_url ?? null,
  };
}

function assistantSnapshot(assistant: AssistantInput, context: NormalizeContext): CallAssistant {
  return {
    ...assistant,
    id: context.assistant?.id ?? `asst_${context.id.replace(/^call_/, '')}`,
    name: assistant.name ?? 'inline assistant',
    organization_id: context.organizationId,
    created_at: isoUtc(context.assistant?.createdAtMs ?? context.nowMs),
    updated_at: isoUtc(context.assistant?.updatedAtMs ?? context.nowMs),
    first_sentence_delay_ms: assistant.first_sentence_delay_ms ?? 400,
    first_sentence_mode: assistant.first_sentence_mode ?? 'generated',
    ivr_navigation_enabled: assistant.ivr_navigation_enabled ?? false,
    llm_model: assistant.llm_model ?? { type: 'dedicated-instance', name: 'gpt-4.1' },
    max_call_duration_secs: assistant.max_call_duration_secs ?? DEFAULT_MAX_CALL_DURATION_SECS,
    call_retry_config: effectiveRetryConfig(assistant.call_retry_config),
  };
}

/** The whole number of slots a `concurrency.max` allows, null when absent. */
function wholeSlots(max: number | undefined): number | null {
  return max === undefined ? null : Math.floor(max);
}

/** Runs `rule`, re-rooting the paths of its rule errors that are relative to `prefix`. */
function withPath<T>(prefix: string[], rule: () => T): T {
  try {
    return rule();
  } catch (err) {
    if (!(err instanceof ScheduleRuleError) || prefix.length === 0) throw err;
    const relative = err.issues.map((issue) => {
      const rooted = issue.path[0] === 'call_retry_config' ? issue.path.slice(1) : issue.path;
      return { path: issue.path[0] === 'scheduled_at' ? issue.path : [...prefix, ...rooted], message: issue.message };
    });
    throw ScheduleRuleError.fromIssues(relative);
  }
}
