import type { DialError } from '../../domain/contract/enums';

/**
 * Maps the final SIP status code of a failed outbound dial to the contract's `dial_error`.
 *
 * 1. 404 Not Found, 410 Gone, 484 Address Incomplete, 604 Does Not Exist Anywhere → `number_non_attributed`
 * 2. 486 Busy Here, 600 Busy Everywhere → `busy`
 * 3. 480 Temporarily Unavailable → `temporarily_unavailable`
 * 4. 408 Request Timeout, 487 Request Terminated (our ring timeout cancelled it), 603 Decline after ringing →
 *    `no_answer`
 * 5. 403 Forbidden (the trunk may not call that destination) → `no_international_permission`
 * 6. 412 Conditional Request Failed, 428 Use Identity Header → `precondition_failed`
 * 7. 503 Service Unavailable, 429 Too Many Requests → `too_many_calls`
 * 8. anything else → `non_classified_error`
 *
 * Pure; real carrier adapters reuse it.
 */
export function dialErrorFromSipCode(sipCode: number): DialError {
  switch (sipCode) {
    case 404:
    case 410:
    case 484:
    case 604:
      return 'number_non_attributed';
    case 486:
    case 600:
      return 'busy';
    case 480:
      return 'temporarily_unavailable';
    case 408:
    case 487:
    case 603:
      return 'no_answer';
    case 403:
      return 'no_international_permission';
    case 412:
    case 428:
      return 'precondition_failed';
    case 503:
    case 429:
      return 'too_many_calls';
    default:
      return 'non_classified_error';
  }
}

/** A plausible SIP code for each dial error: the code the simulator reports, and the first one mapped above. */
export const typicalSipCode: Readonly<Record<DialError, number>> = {
  number_non_attributed: 404,
  busy: 486,
  temporarily_unavailable: 480,
  no_answer: 487,
  no_international_permission: 403,
  precondition_failed: 412,
  too_many_calls: 503,
  non_classified_error: 500,
};
