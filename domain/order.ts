import type { AnsweredBy, DialError } from './contract/enums';
import type { CallAssistant } from './contract/call';
import type { CallRetryConfigInput, LlmModel, StructuredOutputField } from './contract/assistant';

/**
 * One daily calling window in recipient-local wall-clock minutes after midnight.
 * `endMinute` may be 1440 (`24:00`); `endMinute < startMinute` crosses midnight.
 */
export interface CallingWindow {
  startMinute: number;
  endMinute: number;
  retryDelaySeconds: number;
}

/** Everything the scheduling rules need to know about an order, already validated and defaulted. */
export interface SchedulePolicy {
  /** IANA zones the windows must all be open in (one, or several for a multi-zone prefix). */
  zones: string[];
  windows: CallingWindow[];
  /** ISO weekdays in recipient time, 1 = Monday … 7 = Sunday. All seven when not restricted. */
  allowedDays: number[];
  /** Total number of attempts allowed, the first included. */
  maxAttempts: number;
  callTwiceInARow: boolean;
  skipCallingWindow: boolean;
  forceNow: boolean;
  /** Epoch ms the order may start from; null when absent. */
  scheduledAtMs: number | null;
}

/** What the scheduling rules need of a past attempt. */
export interface AttemptRecord {
  startedAtMs: number;
  endedAtMs: number;
  reachedHuman: boolean;
}

/** The words the agent speaks, with prompt variables already filled in. */
export interface AgentScript {
  prompt: string;
  firstSentence: string | null;
  firstSentenceMode: 'generated' | 'static' | 'none';
  firstSentenceDelayMs: number;
  voicemailMessage: string | null;
  endOfCallSentence: string | null;
}

/**
 * The fully normalised order: the input of the `callOrder` workflow. Built once at creation time,
 * so the workflow never re-validates anything.
 */
export interface NormalizedOrder {
  id: string;
  organizationId: string;
  createdAtMs: number;
  phoneNumber: string;
  fromPhoneNumber: string | null;
  schedule: SchedulePolicy;
  script: AgentScript;
  /** The assistant snapshot as the API shows it. */
  assistant: CallAssistant;
  /** `call_retry_config` as the client sent it, null when absent (responses show `effectiveRetryConfig` of it). */
  callRetryConfig: CallRetryConfigInput | null;
  ivrNavigationEnabled: boolean;
  transferPhoneNumber: string | null;
  maxCallDurationSecs: number;
  structuredOutputConfig: StructuredOutputField[];
  llmModel: LlmModel;
  concurrency: { key: string; max: number | null } | null;
  metadata: Record<string, string> | null;
  promptVariables: Record<string, string>;
  webhookUrl: string | null;
}

/** How one attempt ended, as the workflow's outcome table reads it. */
export type AttemptOutcome =
  | { kind: 'dial_error'; dialError: DialError }
  | { kind: 'answered'; answeredBy: AnsweredBy; reachedHuman: boolean; voicemailLeft: boolean };
