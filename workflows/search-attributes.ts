import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Typed search attributes of call orders: the Web UI and `POST /call/search` filter on them. */
export const CallStatus = defineSearchAttributeKey('CallStatus', SearchAttributeType.KEYWORD);
export const CallPhoneNumber = defineSearchAttributeKey('CallPhoneNumber', SearchAttributeType.KEYWORD);
export const CallFromPhoneNumber = defineSearchAttributeKey('CallFromPhoneNumber', SearchAttributeType.KEYWORD);
export const CallAssistantId = defineSearchAttributeKey('CallAssistantId', SearchAttributeType.KEYWORD);
export const CallOrganizationId = defineSearchAttributeKey('CallOrganizationId', SearchAttributeType.KEYWORD);
export const CallNextAttemptAt = defineSearchAttributeKey('CallNextAttemptAt', SearchAttributeType.DATETIME);
export const CallAttemptCount = defineSearchAttributeKey('CallAttemptCount', SearchAttributeType.INT);
export const CallLastResult = defineSearchAttributeKey('CallLastResult', SearchAttributeType.KEYWORD);
export const CallWaitingFor = defineSearchAttributeKey('CallWaitingFor', SearchAttributeType.KEYWORD);
export const CallConcurrencyKey = defineSearchAttributeKey('CallConcurrencyKey', SearchAttributeType.KEYWORD);
export const CallScheduledAt = defineSearchAttributeKey('CallScheduledAt', SearchAttributeType.DATETIME);
/** Organization of an assistant entity workflow: `GET /assistants` lists by it. */
export const AssistantOrganizationId = defineSearchAttributeKey('AssistantOrganizationId', SearchAttributeType.KEYWORD);
/** The business outcome (`interested`, `not_interested`, `completed`, `requested_callback_later`) once known. */
export const CallOutcome = defineSearchAttributeKey('CallOutcome', SearchAttributeType.KEYWORD);
/**
 * Set by the API at start: lower-cased metadata and prompt variable values (each ≤ 100 chars), so the free-text
 * `query` of `POST /call/search` can match them exactly (a keyword list matches whole values, not substrings).
 */
export const CallSearchTerms = defineSearchAttributeKey('CallSearchTerms', SearchAttributeType.KEYWORD_LIST);

/** Every search attribute key the project registers. */
export const allSearchAttributeKeys = [
  CallStatus,
  CallPhoneNumber,
  CallFromPhoneNumber,
  CallAssistantId,
  CallOrganizationId,
  CallNextAttemptAt,
  CallAttemptCount,
  CallLastResult,
  CallWaitingFor,
  CallConcurrencyKey,
  CallScheduledAt,
  AssistantOrganizationId,
  CallOutcome,
  CallSearchTerms,
];

/** Every search attribute the project registers, by name and type. */
export const searchAttributeDefinitions = allSearchAttributeKeys.map((key) => ({ name: key.name, type: key.type }));
