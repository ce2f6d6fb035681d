import { createSimulator } from '../../../activities/providers/sim/simulator';
import { scenarioFileSchema } from '../../../activities/providers/sim/scenario';
import { createOfflineExtractor } from '../../../activities/providers/extraction/offline-extractor';
import { fieldValueSchema } from '../../../activities/providers/extraction/field-schema';
import {
  matchEnumOption,
  parseDateTime,
  parseNumber,
  parseYesNo,
} from '../../../activities/providers/extraction/parse-values';
import type { TranscriptEntry } from '../../../domain/contract/call';
import type { StructuredOutputField } from '../../../domain/contract/assistant';
import { allFieldTypes, never, runAttempt } from './sim-helpers';

const scriptedAnswers = {
  email: 'dana.whitfield@example.com',
  appointment_date: '2026-03-14',
  callback_at: '2026-03-12T15:30:00',
  interested: false,
  plan: 'enterprise',
  seats: 1250,
  company: 'Whitfield Bakery',
  budget: null,
};
const scenarios = scenarioFileSchema.parse({
  numbers: {
    '+12125550110': { attempts: [{ outcome: 'human', answers: scriptedAnswers }] },
    '+12125550111': { attempts: [{ outcome: 'human', hangsUpAfterAnswers: 3 }] },
    '+12125550112': { attempts: [{ outcome: 'human', talkSecs: 3000 }] },
    '+12125559876': { attempts: ['human'] },
  },
});
const extractor = createOfflineExtractor({ clock: () => Date.parse('2026-01-10T12:00:00Z') });
const llmModel = { type: 'dedicated-instance', name: 'gpt-4.1' } as const;

async function talkThenExtract(to: string, callId: string, fields: StructuredOutputField[] = allFieldTypes) {
  const sim = createSimulator({ speed: 0, scenarios });
  const { conversation } = await runAttempt(
    sim,
    { callId, attempt: 1, to },
    { structuredOutputConfig: fields, maxCallDurationSecs: 7200 },
  );
  const transcript = conversation!.transcript;
  return { transcript, output: await extractor.extract({ callId, attempt: 1, transcript, fields, llmModel }, never) };
}

describe('offline extraction of a simulated conversation', () => {
  it('given a callee who gives scripted answers, then every field type is extracted exactly, and the declined one is missing', async () => {
    for (const callId of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const { output } = await talkThenExtract('+12125550110', callId);
      expect(output).toEqual({
        email: 'dana.whitfield@example.com',
        appointment_date: '2026-03-14',
        callback_at: '2026-03-12T15:30:00',
        interested: false,
        plan: 'enterprise',
        seats: 1250,
        company: 'Whitfield Bakery',
      });
    }
  });

  it('given callees with plausible unscripted answers, then every field is found and passes its schema', async () => {
    const answered = allFieldTypes;
    let checked = 0;
    for (let i = 0; i < 25; i++) {
      const { transcript, output } = await talkThenExtract('+12125559876', `plausible-${i}`, answered);
      if (
        !transcript.some((e) => e.tool_name === 'end_call') ||
        transcript.some((e) => /rather not|don't know|prefer not/.test(e.content))
      )
        continue;
      for (const field of answered) {
        expect(output).toHaveProperty(field.name);
        expect(fieldValueSchema(field).safeParse(output[field.name]).success).toBe(true);
      }
      const spokenEmail = transcript.find((e) => e.role === 'user' && e.content.includes('@'))!.content;
      expect(spokenEmail).toContain(output.email as string);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('given a callee who hangs up after three answers, then the unasked fields are missing, never invented', async () => {
    const { output } = await talkThenExtract('+12125550111', 'hang-up');
    expect(Object.keys(output).sort()).toEqual(['appointment_date', 'callback_at', 'email']);
  });

  it('given a fifty-minute conversation, then it is read whole and the last answers are found too', async () => {
    const { transcript, output } = await talkThenExtract('+12125550112', 'long');
    expect(transcript.length).toBeGreaterThan(500);
    expect(output).toHaveProperty('company');
    expect(output).toHaveProperty('seats');
  });

  it('given a field nobody asked about, then it is missing', async () => {
    const transcript: TranscriptEntry[] = [
      { role: 'assistant', content: 'Could you tell me your email?' },
      { role: 'user', content: 'Sure, jo@example.org.' },
    ];
    const fields: StructuredOutputField[] = [
      { name: 'email', type: 'string', required: true },
      { name: 'renewal_date', type: 'date', required: true },
    ];
    await expect(extractor.extract({ callId: 'x', attempt: 1, transcript, fields, llmModel }, never)).resolves.toEqual({
      email: 'jo@example.org',
    });
  });
  it('given a callee who declines or does not know, then the field is missing rather than the excuse or a "no"', async () => {
    const transcript: TranscriptEntry[] = [
      { role: 'assistant', content: 'Could you tell me your company name?' },
      { role: 'user', content: "Sorry, I'd rather not say." },
      { role: 'assistant', content: 'Are you interested in the offer?' },
      { role: 'user', content: "Hm, I don't know, to be honest." },
    ];
    const fields: StructuredOutputField[] = [
      { name: 'company', type: 'string', required: false },
      { name: 'interested', type: 'boolean', required: true },
    ];
    await expect(extractor.extract({ callId: 'x', attempt: 1, transcript, fields, llmModel }, never)).resolves.toEqual(
      {},
    );
  });
});

describe('offline value parsers', () => {
  it.each([
    ['It is 42.', 42],
    ['About 1,250, I would say.', 1250],
    ["It's twenty-five.", 25],
    ['two hundred and ten', 210],
    ['three thousand five hundred', 3500],
    ['none at all', null],
  ])('given "%s", then the number is %p', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    ['Yes, absolutely.', true],
    ['Yeah, that is right.', true],
    ["Nope, I don't think so.", false],
    ['No.', false],
    ['Maybe later.', null],
  ])('given "%s", then yes/no is %p', (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });

  it('given an answer naming an option loosely, then the option is matched by tokens, and an ambiguous one is not', () => {
    expect(matchEnumOption('the Premium one, please', ['basic', 'premium', 'enterprise'])).toBe('premium');
    expect(matchEnumOption('premium plus!', ['premium', 'Premium Plus'])).toBe('Premium Plus');
    expect(matchEnumOption('the annual one', ['monthly billing', 'annual billing'])).toBeNull();
    expect(matchEnumOption('something else', ['basic', 'premium'])).toBeNull();
  });

  it('given a datetime and the recipient zone, then it carries the zone offset; without a zone it stays local', () => {
    const context = { referenceAtMs: Date.parse('2026-01-10T12:00:00Z') };
    expect(parseDateTime('March 12, 2026 at 3:30 PM', { ...context, timeZone: 'America/New_York' })).toBe(
      '2026-03-12T15:30:00-04:00',
    );
    expect(parseDateTime('March 12, 2026 at 3:30 PM', { ...context, timeZone: null })).toBe('2026-03-12T15:30:00');
    expect(parseDateTime('March 12, 2026', { ...context, timeZone: null })).toBeNull();
  });
});
