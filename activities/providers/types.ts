import type { AnsweredBy, DialError, EndedBy } from '../../domain/contract/enums';
import type { TranscriptEntry } from '../../domain/contract/call';
import type { AgentScript } from '../../domain/order';
import type { LlmModel, StructuredOutputField } from '../../domain/contract/assistant';

/** Identifies one dial of one order; providers derive any randomness from it. */
export interface AttemptRef {
  callId: string;
  attempt: number;
}

export interface DialRequest extends AttemptRef {
  to: string;
  from: string | null;
  /** Ask the carrier for answering-machine detection. */
  detectAnsweringMachine: boolean;
}

/** Progress a carrier reports while a dial is in flight (its status callbacks). */
export type DialProgress = { type: 'ringing'; atMs: number };

/** How a dial ended: connected to someone or something, or a SIP failure. */
export type DialResult =
  | {
      status: 'answered';
      /** The carrier's id of the live call; later operations address it. */
      providerCallId: string;
      answeredBy: AnsweredBy;
      ringingAtMs: number;
      answeredAtMs: number;
    }
  | { status: 'failed'; dialError: DialError; sipCode: number; endedAtMs: number };

/** The carrier: places and controls calls. Every method honours `signal` by hanging up and rejecting. */
export interface TelephonyProvider {
  dial(request: DialRequest, signal: AbortSignal, onProgress?: (progress: DialProgress) => void): Promise<DialResult>;
  hangUp(providerCallId: string): Promise<void>;
  sendDtmf(providerCallId: string, digits: string): Promise<void>;
  transfer(providerCallId: string, to: string): Promise<void>;
}

export interface ConversationRequest extends AttemptRef {
  providerCallId: string;
  to: string;
  answeredBy: AnsweredBy;
  script: AgentScript;
  /** The voicemail message to leave, or null to hang up at once on a voicemail (already left, or none). */
  voicemailMessage: string | null;
  ivrNavigationEnabled: boolean;
  transferPhoneNumber: string | null;
  maxCallDurationSecs: number;
  structuredOutputConfig: StructuredOutputField[];
}

export interface ConversationResult {
  /** Who was finally on the line (an IVR may lead to a human; iOS screening to a human or voicemail). */
  reached: AnsweredBy;
  reachedHuman: boolean;
  voicemailLeft: boolean;
  transcript: TranscriptEntry[];
  endedBy: EndedBy;
  endReason: string | null;
  endedAtMs: number;
  recordingUrl: string | null;
}

/** The voice agent: runs the conversation on a connected call. Honours `signal` by hanging up. */
export interface VoiceAgentProvider {
  converse(
    request: ConversationRequest,
    signal: AbortSignal,
    onTurn?: (entry: TranscriptEntry) => void,
  ): Promise<ConversationResult>;
}

export interface ExtractionRequest extends AttemptRef {
  transcript: TranscriptEntry[];
  fields: StructuredOutputField[];
  llmModel: LlmModel;
  /**
   * Optional. IANA zone of the callee's wall-clock times (the order's recipient zone): datetimes the callee names
   * without a zone get its offset. Absent or null: such datetimes stay local (`YYYY-MM-DDTHH:mm:ss`, no offset).
   */
  timeZone?: string | null;
  /** Optional. Epoch ms relative dates ("next Tuesday") are read from, e.g. the attempt's end. Default: now. */
  referenceAtMs?: number;
}

/** Turns a transcript into `structured_output`: only values it found and that validate; never invented. */
export interface StructuredOutputExtractor {
  extract(request: ExtractionRequest, signal: AbortSignal): Promise<Record<string, unknown>>;
}

export interface Providers {
  telephony: TelephonyProvider;
  voiceAgent: VoiceAgentProvider;
  extractor: StructuredOutputExtractor;
}
