/**
 * Prints one simulated attempt as JSON: the dial, the conversation and the offline structured output.
 * Usage: npx tsx scripts/sim-demo.ts [phoneNumber] [callId] [attempt]
 */
import { createProviders } from '../activities/providers';
import type { StructuredOutputField } from '../domain/contract/assistant';

const fields: StructuredOutputField[] = [
  { name: 'email', type: 'string', required: true, description: 'The email address to send the quote to' },
  { name: 'appointment_date', type: 'date', required: true, description: 'Day of the site visit' },
  { name: 'callback_at', type: 'datetime', required: false, description: 'When to call back' },
  { name: 'interested', type: 'boolean', required: true, description: 'Whether they want the offer' },
  { name: 'plan', type: 'enum', required: true, enum_options: ['basic', 'premium', 'enterprise'] },
  { name: 'seats', type: 'number', required: false, description: 'Number of seats needed' },
  { name: 'company', type: 'string', required: false, description: 'Company name' },
  { name: 'budget', type: 'number', required: false, description: 'Monthly budget in dollars' },
];

async function main(): Promise<void> {
  const [to = '+12125550110', callId = 'demo-call', attemptText = '1'] = process.argv.slice(2);
  const attempt = Number(attemptText);
  const providers = await createProviders({ telephony: 'sim', sim: { speed: 0 } });
  const signal = new AbortController().signal;

  const dial = await providers.telephony.dial(
    { callId, attempt, to, from: null, detectAnsweringMachine: true },
    signal,
  );
  if (dial.status !== 'answered') {
    process.stdout.write(`${JSON.stringify({ dial }, null, 2)}\n`);
    return;
  }
  const conversation = await providers.voiceAgent.converse(
    {
      callId,
      attempt,
      to,
      providerCallId: dial.providerCallId,
      answeredBy: dial.answeredBy,
      script: {
        prompt: 'You qualify leads for Acme Solar.',
        firstSentence: 'Hi, this is Alex from Acme Solar, following up on your quote request.',
        firstSentenceMode: 'static',
        firstSentenceDelayMs: 400,
        voicemailMessage: 'Hi, Alex from Acme Solar here, please call us back at your convenience.',
        endOfCallSentence: 'Thanks a lot, have a sunny day!',
      },
      voicemailMessage: 'Hi, Alex from Acme Solar here, please call us back at your convenience.',
      ivrNavigationEnabled: true,
      transferPhoneNumber: '+12125550199',
      maxCallDurationSecs: 600,
      structuredOutputConfig: fields,
    },
    signal,
  );
  const structuredOutput = await providers.extractor.extract(
    {
      callId,
      attempt,
      transcript: conversation.transcript,
      fields,
      llmModel: { type: 'dedicated-instance', name: 'gpt-4.1' },
    },
    signal,
  );
  process.stdout.write(`${JSON.stringify({ dial, conversation, structuredOutput }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
