import { loadTimezoneTable } from '../../config/timezone-table';
import { placeCallRequestSchema } from '../../domain/contract/place-call';
import { normalizeOrder } from '../../domain/normalize-order';

const timezoneTable = loadTimezoneTable();
const NOW = Date.parse('2026-06-01T12:00:00Z');

function normalize(body: object, defaultFromPhoneNumber?: string | null) {
  const parsed = placeCallRequestSchema.parse({ phone_number: '+14155550123', assistant: { prompt: 'Hi.' }, ...body });
  return normalizeOrder(parsed, {
    id: 'call_n',
    organizationId: 'org_n',
    nowMs: NOW,
    timezoneTable,
    defaultFromPhoneNumber,
  });
}

describe('normalizeOrder: caller id and concurrency', () => {
  it('given no from_phone_number and a default trunk, then the order calls from the trunk', () => {
    expect(normalize({}, '+12125550100').fromPhoneNumber).toBe('+12125550100');
  });

  it('given a from_phone_number, then it wins over the trunk, normalised to E.164', () => {
    expect(normalize({ from_phone_number: '+1 (415) 555-0100' }, '+12125550100').fromPhoneNumber).toBe('+14155550100');
  });

  it('given neither, then no caller id', () => {
    expect(normalize({}).fromPhoneNumber).toBeNull();
  });

  it.each([
    [1, 1],
    [2.5, 2],
    [3, 3],
  ])('given concurrency max %p, then the gate allows %p slots', (max, slots) => {
    expect(normalize({ concurrency: { key: 'k', max } }).concurrency).toEqual({ key: 'k', max: slots });
  });

  it('given concurrency without max, then the server-side limit applies (null)', () => {
    expect(normalize({ concurrency: { key: 'k' } }).concurrency).toEqual({ key: 'k', max: null });
  });
});
