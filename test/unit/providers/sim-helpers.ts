import type { ConversationRequest, ConversationResult, DialResult } from '../../../activities/providers/types';
import type { Simulator } from '../../../activities/providers/sim/simulator';
import type { StructuredOutputField } from '../../../domain/contract/assistant';

export const never = new AbortController().signal;

export function conversationRequest(
  dial: Extract<DialResult, { status: 'answered' }>,
  ref: { callId: string; attempt: number; to: string },
  overrides: Partial<Omit<ConversationRequest, 'script'>> & { script?: Partial<ConversationRequest['script']> } = {},
): ConversationRequest {
  const { script, ...rest } = overrides;
  return {
    ...ref,
    providerCallId: dial.providerCallId,
    answeredBy: dial.answeredBy,
    script: {
      prompt: 'You are a friendly assistant.',
      firstSentence: 'Hi, this is Alex from Acme, calling about your order.',
      firstSentenceMode: 'static',
      firstSentenceDelayMs: 400,
      voicemailMessage: 'Hi, Alex from Acme here, please call us back.',
      endOfCallSentence: 'Thanks, goodbye from Acme!',
      ...script,
    },
    voicemailMessage: 'Hi, Alex from Acme here, please call us back.',
    ivrNavigationEnabled: true,
    transferPhoneNumber: null,
    maxCallDurationSecs: 600,
    structuredOutputConfig: [],
    ...rest,
  };
}

/** Dials and, when answered, converses: the whole attempt as the activities would run it. */
export async function runAttempt(
  sim: Simulator,
  ref: { callId: string; attempt: number; to: string },
  overrides: Parameters<typeof conversationRequest>[2] = {},
): Promise<{ dial: DialResult; conversation: ConversationResult | null }> {
  const dial = await sim.telephony.dial({ ...ref, from: null, detectAnsweringMachine: true }, never);
  if (dial.status !== 'answered') return { dial, conversation: null };
  const conversation = await sim.voiceAgent.converse(conversationRequest(dial, ref, overrides), never);
  return { dial, conversation };
}

export const allFieldTypes: StructuredOutputField[] = [
  { name: 'email', type: 'string', required: true, description: 'The email address to send the quote to' },
  { name: 'appointment_date', type: 'date', required: true, description: 'Day of the site visit' },
  { name: 'callback_at', type: 'datetime', required: false, description: 'When to call back' },
  { name: 'interested', type: 'boolean', required: true, description: 'Whether they want the offer' },
  { name: 'plan', type: 'enum', required: true, enum_options: ['basic', 'premium', 'enterprise'] },
  { name: 'seats', type: 'number', required: false, description: 'Number of seats needed' },
  { name: 'company', type: 'string', required: false, description: 'Company name' },
  { name: 'budget', type: 'number', required: false, description: 'Monthly budget in dollars' },
];
