import { ScheduleRuleError, formatFieldPath } from '../../domain/errors';
import { buildSchedulePolicy, effectiveRetryConfig, validateScheduledAt } from '../../domain/windows';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const base = { zones: ['Europe/Paris'], forceNow: false, scheduledAtMs: null };

function ruleError(run: () => unknown): ScheduleRuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScheduleRuleError) return error;
    throw error;
  }
  throw new Error('expected a ScheduleRuleError');
}

describe('buildSchedulePolicy', () => {
  it('given no call_retry_config, then one 10:00-18:00 window, 7200 s delay, 3 attempts, every day', () => {
    expect(buildSchedulePolicy({ ...base, retryConfig: null })).toEqual({
      zones: ['Europe/Paris'],
      windows: [{ startMinute: 600, endMinute: 1080, retryDelaySeconds: 7200 }],
      allowedDays: [1, 2, 3, 4, 5, 6, 7],
      maxAttempts: 3,
      callTwiceInARow: false,
      skipCallingWindow: false,
      forceNow: false,
      scheduledAtMs: null,
    });
  });

  it('given several windows, one crossing midnight, days and flags, then they are all carried', () => {
    const policy = buildSchedulePolicy({
      ...base,
      forceNow: true,
      retryConfig: {
        calling_windows: [
          { calling_window_start_time: '9am', calling_window_end_time: '12pm', retry_delay_seconds: 600 },
          { calling_window_start_time: '22:00', calling_window_end_time: '02:00', retry_delay_seconds: 3600 },
          { calling_window_end_time: '24:00', retry_delay_seconds: 60 },
        ],
        allowed_days: ['sunday', 'monday', 'monday'],
        max_retry_attempts: 5,
        call_twice_in_a_row: true,
        skip_calling_window: true,
      },
    });
    expect(policy.windows).toEqual([
      { startMinute: 540, endMinute: 720, retryDelaySeconds: 600 },
      { startMinute: 1320, endMinute: 120, retryDelaySeconds: 3600 },
      { startMinute: 600, endMinute: 1440, retryDelaySeconds: 60 },
    ]);
    expect(policy).toMatchObject({
      allowedDays: [1, 7],
      maxAttempts: 5,
      callTwiceInARow: true,
      skipCallingWindow: true,
      forceNow: true,
    });
  });

  it('given a bad time and a start equal to its end, then every failing field is named by path', () => {
    const error = ruleError(() =>
      buildSchedulePolicy({
        ...base,
        retryConfig: {
          calling_windows: [
            { calling_window_start_time: '13pm', calling_window_end_time: '18:00' },
            { calling_window_start_time: '10:00', calling_window_end_time: '10am' },
          ],
        },
      }),
    );
    expect(error.issues.map((issue) => formatFieldPath(issue.path))).toEqual([
      'call_retry_config.calling_windows[0].calling_window_start_time',
      'call_retry_config.calling_windows[1].calling_window_end_time',
    ]);
    expect(error.message).toContain('"13pm"');
  });

  it('given no zone, then it asks for call_retry_config.timezone', () => {
    expect(ruleError(() => buildSchedulePolicy({ ...base, zones: [], retryConfig: null })).path).toEqual([
      'call_retry_config',
      'timezone',
    ]);
  });
});

describe('validateScheduledAt', () => {
  it.each([
    ['2026-06-02T09:00:00Z', '2026-06-02T09:00:00.000Z'],
    ['2026-06-02T09:00:00+02:00', '2026-06-02T07:00:00.000Z'],
    ['2026-06-02T09:00:00.500-0530', '2026-06-02T14:30:00.500Z'],
    ['2020-01-01T00:00:00Z', '2026-06-01T12:00:00.000Z'],
    ['2027-06-01T12:00:00Z', '2027-06-01T12:00:00.000Z'],
    ['2026-06-02t09:00:00z', '2026-06-02T09:00:00.000Z'],
    ['2026-06-02T09:00:00+14:00', '2026-06-01T19:00:00.000Z'],
    ['2026-06-02T09:00:00-12:00', '2026-06-02T21:00:00.000Z'],
  ])('given %s, then the order may start at %s', (raw, expected) => {
    expect(new Date(validateScheduledAt(raw, NOW) ?? 0).toISOString()).toBe(expected);
  });

  it.each([null, undefined, {}])('given %j, then there is no scheduled_at', (raw) => {
    expect(validateScheduledAt(raw, NOW)).toBeNull();
  });

  it.each([
    '2026-06-02T09:00:00',
    '2026-06-02',
    'tomorrow',
    '2027-06-01T12:00:01Z',
    '2026-13-02T09:00:00Z',
    '2026-06-02T10:00:00-99:00',
    '2026-06-02T10:00:00+23:59',
    '2026-06-02T10:00:00+14:01',
  ])('given %j, then it is refused at scheduled_at naming the value', (raw) => {
    const error = ruleError(() => validateScheduledAt(raw, NOW));
    expect(error.path).toEqual(['scheduled_at']);
    expect(error.message).toContain(raw);
  });
});

describe('effectiveRetryConfig (call_retry_config in responses)', () => {
  it('given no config, then the defaults of SPEC §2: one 10:00-18:00 window, 7200 s, 3 attempts, no override', () => {
    expect(effectiveRetryConfig(null)).toEqual({
      calling_windows: [
        { calling_window_start_time: '10:00', calling_window_end_time: '18:00', retry_delay_seconds: 7200 },
      ],
      max_retry_attempts: 3,
      timezone: null,
    });
  });

  it('given only a zone and a half-filled window, then the missing fields take their defaults, sent ones stay as written', () => {
    expect(
      effectiveRetryConfig({
        timezone: 'Europe/Kiev',
        calling_windows: [{ calling_window_start_time: '9am' }, { retry_delay_seconds: 60 }],
        allowed_days: ['monday'],
      }),
    ).toEqual({
      calling_windows: [
        { calling_window_start_time: '9am', calling_window_end_time: '18:00', retry_delay_seconds: 7200 },
        { calling_window_start_time: '10:00', calling_window_end_time: '18:00', retry_delay_seconds: 60 },
      ],
      max_retry_attempts: 3,
      timezone: 'Europe/Kiev',
      allowed_days: ['monday'],
    });
  });
});
