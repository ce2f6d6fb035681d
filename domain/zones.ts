import { ZONE_CORRECTIONS } from './zone-corrections';
import { validateTimeZone } from './timezone-name';
import { ScheduleRuleError } from './errors';

/**
 * Google's libphonenumber time-zone map: digit prefix (country calling code + leading national digits, no `+`) →
 * IANA zones. Loaded outside the domain (see `config/timezone-table.ts`) and passed in.
 */
export type TimezoneTable = ReadonlyMap<string, readonly string[]>;

/** Where the zones of an order come from. */
export type ZoneResolution =
  { kind: 'zones'; zones: string[]; source: 'override' | 'prefix' | 'country' } | { kind: 'unknown' };

const UNKNOWN_ZONE = 'Etc/Unknown';
const MAX_COUNTRY_CODE_DIGITS = 3;

/**
 * The IANA zones to judge calling windows in for a number.
 *
 * 1. `override` (the order's `call_retry_config.timezone`), when given, wins: validated, returned alone.
 * 2. Else the longest prefix of the number's digits found in the corrections (`ZONE_CORRECTIONS`) or in `table`;
 *    at equal length a correction wins. A match no longer than the country code is `source: 'country'` (mobiles
 *    and other non-geographic numbers are listed at that level), a longer one `source: 'prefix'`.
 * 3. No row, or a row of `Etc/Unknown` only: `{ kind: 'unknown' }` (the caller must then ask for `timezone`).
 *
 * Zones come back sorted and de-duplicated; `Etc/Unknown` is dropped from mixed rows.
 *
 * @param e164 a normalised number (`+14155550100`)
 * @throws InvalidTimeZoneError when `override` is not an accepted name (path `call_retry_config.timezone`)
 */
export function resolveZones(e164: string, table: TimezoneTable, override?: string | null): ZoneResolution {
  if (override !== undefined && override !== null)
    return { kind: 'zones', zones: [validateTimeZone(override)], source: 'override' };

  const digits = e164.replace(/\D/g, '');
  for (let length = digits.length; length > 0; length--) {
    const prefix = digits.slice(0, length);
    const row = ZONE_CORRECTIONS.get(prefix) ?? table.get(prefix);
    if (row === undefined) continue;

    const zones = [...new Set(row.filter((zone) => zone !== UNKNOWN_ZONE))].sort();
    if (zones.length === 0) return { kind: 'unknown' };
    return {
      kind: 'zones',
      zones,
      source: length <= MAX_COUNTRY_CODE_DIGITS && isCountryRow(prefix, table) ? 'country' : 'prefix',
    };
  }
  return { kind: 'unknown' };
}

/**
 * The zones of a resolution, or a rule error asking the client for `call_retry_config.timezone`.
 * @throws ScheduleRuleError at `call_retry_config.timezone` when the resolution is `unknown`
 */
export function zonesOrAskForTimezone(resolution: ZoneResolution, e164: string): string[] {
  if (resolution.kind === 'zones') return resolution.zones;
  throw new ScheduleRuleError(
    ['call_retry_config', 'timezone'],
    `No time zone is known for ${e164}; set call_retry_config.timezone to an IANA location name such as "Europe/Paris"`,
  );
}

/** A row is a country row when no shorter prefix of it has a row (the calling code itself is the first match). */
function isCountryRow(prefix: string, table: TimezoneTable): boolean {
  for (let length = 1; length < prefix.length; length++) {
    if (table.has(prefix.slice(0, length))) return false;
  }
  return true;
}
