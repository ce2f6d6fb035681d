import {
  applyAssistantPatch,
  assistantSchema,
  assistantView,
  cloneName,
  InvalidAssistantError,
  validateStoredAssistant,
} from '../../domain/assistant-record';
import { findVoice, unknownVoiceMessage, voiceCatalogue } from '../../domain/voices';

function issuesOf(run: () => unknown): { path: readonly (string | number)[]; message: string }[] {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidAssistantError) return [...err.issues];
    throw err;
  }
  throw new Error('expected an InvalidAssistantError');
}

describe('validateStoredAssistant', () => {
  it('given a complete assistant, then it is parsed with nested defaults applied', () => {
    const parsed = validateStoredAssistant({
      name: 'Reminder',
      prompt: 'Remind the patient.',
      call_retry_config: { calling_windows: [{}] },
      voice: { id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs' },
    });
    expect(parsed.call_retry_config?.calling_windows?.[0]).toEqual({
      calling_window_start_time: '10:00',
      calling_window_end_time: '18:00',
      retry_delay_seconds: 7200,
    });
  });

  it('given no name and no prompt, then both paths are named', () => {
    const paths = issuesOf(() => validateStoredAssistant({})).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'prompt']));
  });

  it('given a voice the catalogue lacks, then voice.id is named', () => {
    const issues = issuesOf(() =>
      validateStoredAssistant({ name: 'A', prompt: 'P', voice: { id: 'nope', provider: 'cartesia' } }),
    );
    expect(issues).toEqual([{ path: ['voice', 'id'], message: expect.stringContaining('unknown voice id nope') }]);
  });

  it('given a known id under the wrong provider, then it is refused', () => {
    expect(unknownVoiceMessage({ id: '21m00Tcm4TlvDq8ikWAM', provider: 'cartesia' })).not.toBeNull();
    expect(unknownVoiceMessage({ id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs' })).toBeNull();
    expect(unknownVoiceMessage(null)).toBeNull();
  });
});

describe('applyAssistantPatch', () => {
  const current = validateStoredAssistant({ name: 'A', prompt: 'Old.', first_sentence: 'Hi.' });

  it('given some fields, then they replace the current ones and the rest stays', () => {
    expect(applyAssistantPatch(current, { prompt: 'New.' })).toEqual({ ...current, prompt: 'New.' });
  });

  it('given null for a nullable field, then it is cleared', () => {
    expect(applyAssistantPatch(current, { first_sentence: null }).first_sentence).toBeNull();
  });

  it('given a patch that breaks the whole, then it is refused and the current value is untouched', () => {
    const issues = issuesOf(() => applyAssistantPatch(current, { prompt: '' }));
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(['prompt']);
    expect(current.prompt).toBe('Old.');
  });
});

describe('cloneName and assistantView', () => {
  it('suffixes the name and stays within 200 characters', () => {
    expect(cloneName('Reminder')).toBe('Reminder (copy)');
    expect(cloneName('x'.repeat(200))).toHaveLength(200);
  });

  it('shows the record as the API contract says', () => {
    const view = assistantView({
      id: 'asst_1',
      organizationId: 'org_a',
      assistant: { name: 'A', prompt: 'P' },
      createdAtMs: Date.UTC(2027, 0, 2, 3, 4, 5),
      updatedAtMs: Date.UTC(2027, 0, 2, 3, 4, 6),
      deleted: false,
    });
    expect(assistantSchema.parse(view)).toEqual({
      name: 'A',
      prompt: 'P',
      id: 'asst_1',
      organization_id: 'org_a',
      created_at: '2027-01-02T03:04:05.000Z',
      updated_at: '2027-01-02T03:04:06.000Z',
      type: 'standalone',
    });
  });
});

describe('the voice catalogue', () => {
  it('lists 10 to 20 voices of the three providers, ids unique per provider', () => {
    expect(voiceCatalogue.length).toBeGreaterThanOrEqual(10);
    expect(voiceCatalogue.length).toBeLessThanOrEqual(20);
    expect(new Set(voiceCatalogue.map((voice) => voice.provider))).toEqual(
      new Set(['cartesia', 'elevenlabs', 'gradium']),
    );
    const keys = voiceCatalogue.map((voice) => `${voice.provider}/${voice.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a voice by id, optionally by provider', () => {
    expect(findVoice('gradium-emma-fr')?.name).toBe('Emma');
    expect(findVoice('gradium-emma-fr', 'gradium')?.language).toBe('fr');
    expect(findVoice('gradium-emma-fr', 'cartesia')).toBeUndefined();
  });
});
