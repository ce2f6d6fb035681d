/**
 * A path into the request body, as zod spells it:
 * `['call_retry_config', 'calling_windows', 1, 'calling_window_end_time']`.
 */
export type FieldPath = readonly (string | number)[];

/** One broken scheduling rule: the field it concerns and why, in words a client can act on. */
export interface RuleIssue {
  path: FieldPath;
  message: string;
}

/**
 * A request that breaks a scheduling rule (windows, clock times, `scheduled_at`, time zone, zone overlap).
 * Carries every failing field (`issues`, at least one); `path` and `message` are those of the first, so the API
 * can answer a 400 naming each field without parsing text.
 */
export class ScheduleRuleError extends Error {
  override readonly name: string = 'ScheduleRuleError';
  readonly issues: readonly RuleIssue[];
  readonly path: FieldPath;

  constructor(path: FieldPath, message: string, moreIssues: readonly RuleIssue[] = []) {
    super(message);
    this.path = path;
    this.issues = [{ path, message }, ...moreIssues];
  }

  /** One error carrying all `issues`; throws a `RangeError` when the list is empty (a caller bug). */
  static fromIssues(issues: readonly RuleIssue[]): ScheduleRuleError {
    const [first, ...rest] = issues;
    if (first === undefined) throw new RangeError('ScheduleRuleError needs at least one issue');
    return new ScheduleRuleError(first.path, first.message, rest);
  }

  /** The same issues with `prefix` put in front of every path (to nest a sub-field's error). */
  static prefixed(prefix: FieldPath, error: ScheduleRuleError): ScheduleRuleError {
    return ScheduleRuleError.fromIssues(
      error.issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message })),
    );
  }
}

/** Renders a path the way the API shows it: `call_retry_config.calling_windows[1].calling_window_end_time`. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/**
 * Runs one rule and collects its verdict: a {@link ScheduleRuleError}'s issues are added to `issues` and the answer
 * is null, so several rules can be judged and every failing field named at once. Other errors propagate.
 */
export function judgeInto<T>(issues: RuleIssue[], rule: () => T): T | null {
  try {
    return rule();
  } catch (err) {
    if (!(err instanceof ScheduleRuleError)) throw err;
    issues.push(...err.issues);
    return null;
  }
}
