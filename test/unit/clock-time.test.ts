import { InvalidClockTimeError, parseClockTime } from '../../domain/clock-time';

describe('parseClockTime', () => {
  it.each([
    ['10:00', 'start', 600],
    ['09:30', 'start', 570],
    ['9:30', 'start', 570],
    ['00:00', 'start', 0],
    ['23:59', 'end', 1439],
    ['24:00', 'end', 1440],
    ['6pm', 'end', 1080],
    ['10am', 'start', 600],
    ['9:30am', 'start', 570],
    ['9:30 am', 'start', 570],
    ['9:30 PM', 'start', 1290],
    ['10AM', 'start', 600],
    ['12am', 'start', 0],
    ['12pm', 'start', 720],
    ['12:30am', 'start', 30],
  ] as const)('given %j as a %s, then it is %i minutes after midnight', (value, role, minutes) => {
    expect(parseClockTime(value, role)).toBe(minutes);
  });

  it.each([
    ['13pm', 'start'],
    ['9', 'start'],
    ['24:30', 'end'],
    ['24:00', 'start'],
    ['15:00 AM', 'start'],
    ['0pm', 'start'],
    ['25:00', 'end'],
    ['9:60', 'start'],
    ['', 'start'],
    ['9:5', 'start'],
    ['noon', 'start'],
    ['-1:00', 'start'],
  ] as const)('given %j as a %s, then it is refused naming the value and the field', (value, role) => {
    const path = ['call_retry_config', 'calling_windows', 1, 'calling_window_end_time'];
    let caught: unknown;
    try {
      parseClockTime(value, role, path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidClockTimeError);
    expect(caught).toMatchObject({ value, path });
    expect((caught as Error).message).toContain(`"${value}"`);
  });
});
