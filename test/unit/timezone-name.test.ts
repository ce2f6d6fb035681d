import { InvalidTimeZoneError, validateTimeZone } from '../../domain/timezone-name';

describe('validateTimeZone', () => {
  it.each([
    'Europe/Kiev',
    'Europe/Kyiv',
    'UTC',
    'America/New_York',
    'Asia/Calcutta',
    'America/Argentina/Buenos_Aires',
    'Pacific/Chatham',
  ])('given %s, then it is accepted and echoed as sent', (name) => {
    expect(validateTimeZone(name)).toBe(name);
  });

  it.each([
    ['EST', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CET', 'Europe/Paris'],
    ['EST5EDT', 'America/New_York'],
    ['Etc/GMT+5', null],
    ['Etc/Unknown', null],
    ['Mars/Olympus', null],
    ['US/Eastern', 'America/New_York'],
    ['europe/paris', 'Europe/Paris'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['BST', 'Europe/London'],
    ['', null],
  ])('given %j, then it is refused at call_retry_config.timezone, suggesting %s', (name, suggestion) => {
    let caught: unknown;
    try {
      validateTimeZone(name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTimeZoneError);
    expect(caught).toMatchObject({ value: name, suggestion, path: ['call_retry_config', 'timezone'] });
    expect((caught as Error).message).toMatch(suggestion ?? 'location name');
  });
});
