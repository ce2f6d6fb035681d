import type { CallRetryConfigInput } from '../../domain/contract/assistant';
import { mergeRetryConfig, orderAssistant } from '../../domain/order-assistant';

const stored: CallRetryConfigInput = {
  calling_windows: [
    { calling_window_start_time: '09:00', calling_window_end_time: '17:00', retry_delay_seconds: 3600 },
  ],
  max_retry_attempts: 5,
  timezone: 'America/New_York',
  allowed_days: ['monday', 'tuesday'],
};

describe('mergeRetryConfig', () => {
  it('given no override, then the stored config is the default', () => {
    expect(mergeRetryConfig(stored, undefined)).toEqual(stored);
    expect(mergeRetryConfig(stored, null)).toEqual(stored);
  });

  it('given neither, then null (the scheduling defaults apply)', () => {
    expect(mergeRetryConfig(undefined, null)).toBeNull();
  });

  it('given only an override, then the override', () => {
    expect(mergeRetryConfig(null, { max_retry_attempts: 2 })).toEqual({ max_retry_attempts: 2 });
  });

  it('given an override of one field, then only that field changes', () => {
    expect(mergeRetryConfig(stored, { max_retry_attempts: 2 })).toEqual({ ...stored, max_retry_attempts: 2 });
  });

  it('given an override of the windows, then the whole list is replaced', () => {
    const windows = [{ calling_window_start_time: '18:00', calling_window_end_time: '20:00', retry_delay_seconds: 60 }];
    const merged = mergeRetryConfig(stored, { calling_windows: windows });
    expect(merged?.calling_windows).toEqual(windows);
    expect(merged?.max_retry_attempts).toBe(5);
  });

  it('given a null timezone in the override, then the stored timezone is cleared; an undefined one keeps it', () => {
    expect(mergeRetryConfig(stored, { timezone: null })?.timezone).toBeNull();
    expect(mergeRetryConfig(stored, { timezone: undefined })?.timezone).toBe('America/New_York');
  });

  it('never changes its inputs', () => {
    const copy = structuredClone(stored);
    mergeRetryConfig(stored, { max_retry_attempts: 1, timezone: 'Europe/Paris' });
    expect(stored).toEqual(copy);
  });
});

describe('orderAssistant', () => {
  it('given an inline assistant next to assistant_id, then only its retry config is taken, merged', () => {
    const result = orderAssistant(
      { name: 'Stored', prompt: 'Stored prompt.', call_retry_config: stored },
      { prompt: 'Inline prompt.', first_sentence: 'ignored', call_retry_config: { max_retry_attempts: 1 } },
    );
    expect(result).toEqual({
      name: 'Stored',
      prompt: 'Stored prompt.',
      call_retry_config: { ...stored, max_retry_attempts: 1 },
    });
  });

  it('given no inline assistant, then the stored assistant as it is', () => {
    expect(orderAssistant({ name: 'S', prompt: 'P', call_retry_config: stored }, undefined)).toEqual({
      name: 'S',
      prompt: 'P',
      call_retry_config: stored,
    });
  });
});
