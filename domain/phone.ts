import { parsePhoneNumberWithError, ParseError, validatePhoneNumberLength } from 'libphonenumber-js/max';
import { type FieldPath, ScheduleRuleError } from './errors';

/** Why a phone number was refused. */
export type InvalidPhoneNumberReason =
  'empty' | 'no_country_code' | 'extension' | 'bad_characters' | 'too_short' | 'too_long' | 'invalid';

/** A phone number that cannot be dialled as given; `value` is the raw input, `reason` says why. */
export class InvalidPhoneNumberError extends Error {
  override readonly name = 'InvalidPhoneNumberError';

  constructor(
    readonly value: string,
    readonly reason: InvalidPhoneNumberReason,
    message: string,
  ) {
    super(message);
  }
}

const EXTENSION = /(?:x|ext\.?|extension|#|;\s*ext\s*=)\s*\d+\s*$/i;
const SEPARATORS = /[\s\-.()\u00a0]/g;
const DIALLABLE = /^\+?\d+$/;

/**
 * Normalises a phone number to E.164 (`+33612345678`).
 *
 * Accepts spaces, dashes, dots and parentheses anywhere, a leading `+` or `00` (international prefix, read as `+`).
 * Validity (length and number ranges of the country) is judged with libphonenumber's full (`max`) metadata.
 *
 * @throws InvalidPhoneNumberError with `reason`:
 *   1. `empty`: nothing but separators;
 *   2. `extension`: an extension (`x123`, `ext. 12`, `;ext=12`, `#12`);
 *   3. `bad_characters`: letters or other symbols;
 *   4. `no_country_code`: a national number (no `+` or `00` in front);
 *   5. `too_short` / `too_long` / `invalid`: not a number that can exist in that country.
 */
export function normalizePhoneNumber(raw: string): string {
  const trimmed = raw.trim();
  if (EXTENSION.test(trimmed)) {
    throw new InvalidPhoneNumberError(
      raw,
      'extension',
      `Phone number "${raw}" has an extension; extensions cannot be dialled`,
    );
  }

  const compact = trimmed.replace(SEPARATORS, '');
  if (compact === '' || compact === '+') throw new InvalidPhoneNumberError(raw, 'empty', 'Phone number is empty');
  if (!DIALLABLE.test(compact)) {
    throw new InvalidPhoneNumberError(
      raw,
      'bad_characters',
      `Phone number "${raw}" has characters other than digits, spaces, dashes, dots and parentheses`,
    );
  }

  const international = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : null;
  if (international === null) {
    throw new InvalidPhoneNumberError(
      raw,
      'no_country_code',
      `Phone number "${raw}" has no country code; write it as +<country code><number>`,
    );
  }

  return parseInternational(raw, international);
}

function parseInternational(raw: string, international: string): string {
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(international);
  } catch (error) {
    if (error instanceof ParseError) throw refusal(raw, error.message);
    throw error;
  }

  const length = validatePhoneNumberLength(international);
  if (length === 'TOO_SHORT') throw new InvalidPhoneNumberError(raw, 'too_short', `Phone number "${raw}" is too short`);
  if (length === 'TOO_LONG') throw new InvalidPhoneNumberError(raw, 'too_long', `Phone number "${raw}" is too long`);
  if (!parsed.isValid())
    throw new InvalidPhoneNumberError(raw, 'invalid', `Phone number "${raw}" is not a valid number`);
  return parsed.number;
}

function refusal(raw: string, code: string): InvalidPhoneNumberError {
  if (code === 'TOO_SHORT' || code === 'NOT_A_NUMBER')
    return new InvalidPhoneNumberError(raw, 'too_short', `Phone number "${raw}" is too short`);
  if (code === 'TOO_LONG') return new InvalidPhoneNumberError(raw, 'too_long', `Phone number "${raw}" is too long`);
  return new InvalidPhoneNumberError(raw, 'invalid', `Phone number "${raw}" is not a valid number (${code})`);
}

/**
 * {@link normalizePhoneNumber} as a rule of the request at `path`.
 * @throws ScheduleRuleError at `path`, with the reason in words
 */
export function phoneNumberAt(raw: string, path: FieldPath): string {
  try {
    return normalizePhoneNumber(raw);
  } catch (err) {
    if (err instanceof InvalidPhoneNumberError) throw new ScheduleRuleError(path, err.message);
    throw err;
  }
}
