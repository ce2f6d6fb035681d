import fc from 'fast-check';
import { scheduleProperty } from '../properties/schedule-properties';

describe('scheduling invariants over random zones, windows, days and outcomes (fast-check)', () => {
  it('given any placeable order, then attempts start only in open windows, never too many, first open instant found', () => {
    fc.assert(scheduleProperty, { numRuns: 10_000, seed: 20_260_308 });
  });
});
