import { IANAZone } from 'luxon';
import { ScheduleRuleError, type FieldPath } from './errors';
import { IANA_LOCATION_NAMES, LEGACY_ALIASES } from './timezone-names.generated';

const TIMEZONE_PATH: FieldPath = ['call_retry_config', 'timezone'];
const ACCEPTED = new Set<string>([...IANA_LOCATION_NAMES, 'UTC']);
const BY_LOWER_CASE = new Map<string, string>([...ACCEPTED].map((name) => [name.toLowerCase(), name]));

/** Location names suggested for abbreviations and fixed offsets people commonly send instead of a zone. */
const ABBREVIATION_HINTS: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  ET: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  CT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  MT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  PT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  GMT: 'UTC',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  MET: 'Europe/Paris',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  AWST: 'Australia/Perth',
};

/** A time-zone name the API does not accept; `value` is the name as sent, `suggestion` a location name or null. */
export class InvalidTimeZoneError extends ScheduleRuleError {
  override readonly name = 'InvalidTimeZoneError';

  constructor(
    readonly value: string,
    readonly suggestion: string | null,
    path: FieldPath = TIMEZONE_PATH,
  ) {
    const hint =
      suggestion === null ? 'an IANA location name such as "Europe/Paris" or "America/New_York"' : `"${suggestion}"`;
    super(path, `Time zone "${value}" is not accepted: send ${hint} (Area/Location of the IANA database, or UTC)`);
  }
}

/** An accepted name that this host's time-zone data (ICU) cannot compute with: a deployment fault, not bad input. */
export class UnsupportedTimeZoneError extends Error {
  override readonly name = 'UnsupportedTimeZoneError';

  constructor(readonly value: string) {
    super(`Time zone "${value}" is valid but the runtime's ICU data does not know it; update Node or its ICU data`);
  }
}

/**
 * Checks a client-sent time-zone name and returns it unchanged (old spellings echoed as sent: `Europe/Kiev` stays
 * `Europe/Kiev`).
 *
 * Accepted: Area/Location names of the IANA database (zones and backward links, from the list frozen in
 * `timezone-names.generated.ts`, so acceptance does not depend on the Node/ICU version) and `UTC`. Case matters.
 *
 * @param path where the name sits in the request, for the error (default `call_retry_config.timezone`)
 * @throws InvalidTimeZoneError for abbreviations and fixed offsets (`EST`, `CET`, `EST5EDT`, `Etc/GMT+5`),
 *   placeholders (`Etc/Unknown`), country aliases (`US/Eastern`) and unknown names, with a suggested location name
 *   when one is evident.
 * @throws UnsupportedTimeZoneError when the name is accepted but luxon (ICU) on this host cannot compute with it.
 */
export function validateTimeZone(name: string, path: FieldPath = TIMEZONE_PATH): string {
  if (!ACCEPTED.has(name)) throw new InvalidTimeZoneError(name, suggestTimeZone(name), path);
  if (!IANAZone.isValidZone(name)) throw new UnsupportedTimeZoneError(name);
  return name;
}

/** True when `validateTimeZone` would accept the name (ignoring the host's ICU data). */
export function isAcceptedTimeZoneName(name: string): boolean {
  return ACCEPTED.has(name);
}

function suggestTimeZone(name: string): string | null {
  const trimmed = name.trim();
  return (
    BY_LOWER_CASE.get(trimmed.toLowerCase()) ??
    LEGACY_ALIASES[trimmed] ??
    ABBREVIATION_HINTS[trimmed.toUpperCase()] ??
    (/^(etc\/)?(utc|gmt|uct|zulu|universal)$/i.test(trimmed) ? 'UTC' : null)
  );
}
