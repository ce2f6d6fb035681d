import { loadTimezoneTable } from '../../config/timezone-table';
import { InvalidTimeZoneError } from '../../domain/timezone-name';
import { resolveZones, type TimezoneTable } from '../../domain/zones';

const table = loadTimezoneTable();

describe("resolveZones with Google's map and our corrections", () => {
  it.each([
    ['+12125550100', ['America/New_York'], 'prefix'],
    ['+13125550100', ['America/Chicago'], 'prefix'],
    ['+13035550100', ['America/Denver'], 'prefix'],
    ['+14155550100', ['America/Los_Angeles'], 'prefix'],
    ['+14805550100', ['America/Phoenix'], 'prefix'],
    ['+15205550100', ['America/Phoenix'], 'prefix'],
    ['+16025550100', ['America/Phoenix'], 'prefix'],
    ['+16235550100', ['America/Phoenix'], 'prefix'],
    ['+19285550100', ['America/Phoenix'], 'prefix'],
    ['+19288711234', ['America/Denver', 'America/Phoenix'], 'prefix'],
    ['+14385550100', ['America/Toronto'], 'prefix'],
    ['+15145550100', ['America/Toronto'], 'prefix'],
    ['+13675550100', ['America/Toronto'], 'prefix'],
    ['+15875550100', ['America/Edmonton'], 'prefix'],
    ['+18255550100', ['America/Edmonton'], 'prefix'],
    ['+17097221234', ['America/St_Johns'], 'prefix'],
    ['+18795551234', ['America/St_Johns'], 'prefix'],
    ['+17092821234', ['America/Halifax'], 'prefix'],
    ['+18676671234', ['America/Whitehorse'], 'prefix'],
    ['+18675550123', ['America/Edmonton', 'America/Toronto', 'America/Whitehorse', 'America/Winnipeg'], 'prefix'],
    ['+61891234567', ['Australia/Adelaide', 'Australia/Perth'], 'prefix'],
    ['+61212345678', ['Australia/Sydney'], 'prefix'],
    [
      '+61412345678',
      ['Australia/Adelaide', 'Australia/Brisbane', 'Australia/Darwin', 'Australia/Perth', 'Australia/Sydney'],
      'prefix',
    ],
    ['+61732101234', ['Australia/Brisbane'], 'prefix'],
    ['+62812345678', ['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar'], 'prefix'],
    ['+33612345678', ['Europe/Paris'], 'country'],
    ['+4915112345678', ['Europe/Berlin'], 'country'],
  ])('given %s, then the zones are %j (%s)', (e164, zones, source) => {
    expect(resolveZones(e164, table)).toEqual({ kind: 'zones', zones, source });
  });

  it("given the raw map, then +1 709 lists Puerto Rico beside St John's (the row we correct)", () => {
    expect(table.get('1709')).toEqual(['America/Puerto_Rico', 'America/St_Johns']);
  });

  it('given a timezone override, then it wins over the number, echoed as sent', () => {
    expect(resolveZones('+18005551234', table, 'Europe/Kiev')).toEqual({
      kind: 'zones',
      zones: ['Europe/Kiev'],
      source: 'override',
    });
  });

  it('given an abbreviation as override, then it is refused', () => {
    expect(() => resolveZones('+12125550100', table, 'EST')).toThrow(InvalidTimeZoneError);
  });

  it('given a number the map does not know, or an Etc/Unknown row, then the zone is unknown', () => {
    const tiny: TimezoneTable = new Map([
      ['99', ['Etc/Unknown']],
      ['98', ['Asia/Tehran']],
    ]);
    expect(resolveZones('+9912345', tiny)).toEqual({ kind: 'unknown' });
    expect(resolveZones('+9712345', tiny)).toEqual({ kind: 'unknown' });
    expect(resolveZones('+9812345', tiny)).toEqual({ kind: 'zones', zones: ['Asia/Tehran'], source: 'country' });
  });
});
