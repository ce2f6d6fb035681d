import { dialErrorFromSipCode, typicalSipCode } from '../../../activities/providers/sip-codes';
import { dialErrorSchema } from '../../../domain/contract/enums';

describe('dialErrorFromSipCode', () => {
  it.each([
    [404, 'number_non_attributed'],
    [410, 'number_non_attributed'],
    [484, 'number_non_attributed'],
    [486, 'busy'],
    [600, 'busy'],
    [480, 'temporarily_unavailable'],
    [408, 'no_answer'],
    [487, 'no_answer'],
    [403, 'no_international_permission'],
    [412, 'precondition_failed'],
    [428, 'precondition_failed'],
    [503, 'too_many_calls'],
    [429, 'too_many_calls'],
    [500, 'non_classified_error'],
    [502, 'non_classified_error'],
    [999, 'non_classified_error'],
  ])('given SIP %i, then the dial error is %s', (sipCode, dialError) => {
    expect(dialErrorFromSipCode(sipCode)).toBe(dialError);
  });

  it('given the typical code of each dial error, when mapped back, then it gives that dial error', () => {
    for (const dialError of dialErrorSchema.options)
      expect(dialErrorFromSipCode(typicalSipCode[dialError])).toBe(dialError);
  });
});
