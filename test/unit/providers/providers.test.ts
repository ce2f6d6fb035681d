import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createProviders, defaultScenarioFile, providersConfigSchema } from '../../../activities/providers';
import { loadScenarioFile, ScenarioFileError } from '../../../activities/providers/sim/load-scenario-file';
import { chunkTranscript, transcriptLine } from '../../../activities/providers/extraction/transcript-chunks';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { TranscriptEntry } from '../../../domain/contract/call';
import { allFieldTypes, runAttempt } from './sim-helpers';

describe('scenario files', () => {
  it('given the shipped scenario file, then it validates and every demo number is a valid phone number', async () => {
    const scenarios = await loadScenarioFile(defaultScenarioFile);
    const demoNumbers = Object.keys(scenarios.numbers);
    expect(demoNumbers.length).toBeGreaterThanOrEqual(7);
    for (const number of demoNumbers) expect(isValidPhoneNumber(number)).toBe(true);
  });

  it('given a file with an unknown outcome and a bad number, then a ScenarioFileError names both paths', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'scenarios-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ numbers: { '+12125550101': { attempts: ['maybe'] }, '555': { attempts: ['human'] } } }),
    );
    const loading = loadScenarioFile(file);
    await expect(loading).rejects.toBeInstanceOf(ScenarioFileError);
    await expect(loading).rejects.toThrow(/numbers\.\+12125550101\.attempts\.0/);
    await expect(loading).rejects.toThrow(/numbers\.555/);
  });

  it('given a file that is not JSON, then a ScenarioFileError', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'scenarios-')), 'bad.json');
    writeFileSync(file, '{ nope');
    await expect(loadScenarioFile(file)).rejects.toBeInstanceOf(ScenarioFileError);
  });
});

describe('createProviders and the demo numbers', () => {
  it('given no llm, then the offline extractor is used; given an llm, then the config is validated', async () => {
    const providers = await createProviders({ telephony: 'sim', sim: { speed: 0 } });
    const output = await providers.extractor.extract(
      {
        callId: 'x',
        attempt: 1,
        transcript: [
          { role: 'assistant', content: 'Are you interested?' },
          { role: 'user', content: 'Yes.' },
        ],
        fields: [{ name: 'interested', type: 'boolean', required: true }],
        llmModel: { type: 'dedicated-instance', name: 'gpt-4.1' },
      },
      new AbortController().signal,
    );
    expect(output).toEqual({ interested: true });
    expect(providersConfigSchema.safeParse({ llm: { baseUrl: 'not a url', apiKey: 'k' } }).success).toBe(false);
    expect(providersConfigSchema.parse({ llm: { baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k' } }).llm?.timeoutMs).toBe(
      30_000,
    );
  });

  it.each([
    ['+12125550101', 1, { status: 'answered', answeredBy: 'human' }, { reachedHuman: true }],
    ['+12125550102', 1, { status: 'failed', dialError: 'busy' }, null],
    ['+12125550102', 2, { status: 'answered', answeredBy: 'voicemail' }, { voicemailLeft: true }],
    ['+12125550102', 3, { status: 'answered', answeredBy: 'human' }, { reachedHuman: true }],
    ['+12125550103', 5, { status: 'answered', answeredBy: 'voicemail' }, { reachedHuman: false }],
    ['+12125550104', 1, { status: 'answered', answeredBy: 'IVR' }, { reached: 'human', reachedHuman: true }],
    ['+12125550105', 1, { status: 'failed', dialError: 'number_non_attributed', sipCode: 404 }, null],
    ['+12125550106', 1, { status: 'answered', answeredBy: 'human' }, { endedBy: 'system', endReason: 'max_duration' }],
    [
      '+12125550107',
      1,
      { status: 'answered', answeredBy: 'ios-screening-filter' },
      { reached: 'human', reachedHuman: true },
    ],
    ['+12125550108', 3, { status: 'answered', answeredBy: 'human' }, { endReason: 'transfer' }],
    ['+12125550109', 1, { status: 'answered', answeredBy: 'IVR' }, { reachedHuman: false }],
  ])(
    'given demo number %s attempt %i, then it behaves as its README line says',
    async (to, attempt, dial, conversation) => {
      const { simulator } = await createProviders({ sim: { speed: 0 } });
      const result = await runAttempt(
        simulator,
        { callId: 'demo', attempt, to },
        { transferPhoneNumber: '+12125550199', structuredOutputConfig: allFieldTypes },
      );
      expect(result.dial).toMatchObject(dial);
      if (conversation === null) expect(result.conversation).toBeNull();
      else expect(result.conversation).toMatchObject(conversation);
    },
  );
});

describe('chunkTranscript', () => {
  const entry = fc.record({
    role: fc.constantFrom('user' as const, 'assistant' as const),
    content: fc.string({ maxLength: 400 }),
  });

  it('given any transcript and piece size, then no piece is too long and every line is in some piece, in order', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.integer({ min: 50, max: 2_000 }),
        fc.integer({ min: 0, max: 500 }),
        (entries: TranscriptEntry[], maxChars, overlap) => {
          const pieces = chunkTranscript(entries, maxChars, overlap);
          for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(maxChars);
          const all = pieces.join('\n');
          for (const e of entries) {
            const line = transcriptLine(e);
            for (let start = 0; start < line.length; start += maxChars)
              expect(all).toContain(line.slice(start, start + maxChars));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
