import { InvalidPhoneNumberError, normalizePhoneNumber } from '../../domain/phone';

describe('normalizePhoneNumber', () => {
  it.each([
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+1 (212) 555-0100', '+12125550100'],
    ['+1.212.555.0100', '+12125550100'],
    ['  +49 151 1234 5678 ', '+4915112345678'],
    ['+61 8 9123 4567', '+61891234567'],
    ['001-709-722-1234', '+17097221234'],
  ])('given %j, when normalised, then it is %s', (raw, expected) => {
    expect(normalizePhoneNumber(raw)).toBe(expected);
  });

  it.each([
    ['06 12 34 56 78', 'no_country_code'],
    ['(212) 555-0100', 'no_country_code'],
    ['+1 212 555 0100 x123', 'extension'],
    ['+1 212 555 0100 ext. 12', 'extension'],
    ['+12125550100;ext=12', 'extension'],
    ['+33 6', 'too_short'],
    ['+33 6 12 34 56 78 90 12', 'too_long'],
    ['+1 212 155 0100', 'invalid'],
    ['+999 1234 5678', 'invalid'],
    ['+1 212 CALL NOW', 'bad_characters'],
    ['  ', 'empty'],
  ])('given %j, when normalised, then it is refused with reason %s', (raw, reason) => {
    let caught: unknown;
    try {
      normalizePhoneNumber(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidPhoneNumberError);
    expect(caught).toMatchObject({ reason, value: raw, name: 'InvalidPhoneNumberError' });
  });
});
