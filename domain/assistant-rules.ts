import type { AssistantInput } from './contract/assistant';
import { judgeInto, type RuleIssue } from './errors';
import { phoneNumberAt } from './phone';
import { validateTimeZone } from './timezone-name';
import { buildSchedulePolicy } from './windows';

/**
 * The scheduling and number rules of SPEC §2 and §6 that an assistant's own fields can break, whatever order uses
 * it: calling window times (`13pm`, `start == end`), the `timezone` override, the transfer number. Judged when an
 * assistant is stored, so that a bad one is refused then, at its own field paths, rather than failing every order
 * placed with it later. Prompt placeholders are not judged: their values come with each order.
 * @returns every issue, with paths relative to the assistant (`call_retry_config.calling_windows[0]…`); none: fine
 */
export function assistantRuleIssues(
  fields: Pick<Partial<AssistantInput>, 'call_retry_config' | 'transfer_phone_number'>,
): RuleIssue[] {
  const issues: RuleIssue[] = [];

  const config = fields.call_retry_config;
  if (config) {
    const timezone = config.timezone;
    if (timezone !== null && timezone !== undefined) judgeInto(issues, () => validateTimeZone(timezone));
    // The windows' own rules do not depend on the zone they are judged in.
    judgeInto(issues, () =>
      buildSchedulePolicy({ retryConfig: config, zones: ['UTC'], forceNow: false, scheduledAtMs: null }),
    );
  }
  const transfer = fields.transfer_phone_number;
  if (transfer !== null && transfer !== undefined)
    judgeInto(issues, () => phoneNumberAt(transfer, ['transfer_phone_number']));
  return issues;
}
