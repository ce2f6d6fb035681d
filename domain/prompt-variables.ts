import { type FieldPath, type RuleIssue, ScheduleRuleError } from './errors';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders (spaces inside the braces allowed) once, values verbatim and never re-expanded.
 * @returns the filled text, or the issues naming each placeholder without a value (at `path`)
 */
export function fillPromptVariables(
  text: string,
  variables: Readonly<Record<string, string>>,
  path: FieldPath,
): { text: string; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.hasOwn(variables, name)) return variables[name] ?? '';
    issues.push({ path, message: `placeholder {{${name}}} has no value in prompt_variables` });
    return whole;
  });
  return { text: filled, issues };
}

/** Fills every text of `texts`; throws one {@link ScheduleRuleError} naming every placeholder without a value. */
export function fillAll<K extends string>(
  texts: Record<K, { text: string | null; path: FieldPath }>,
  variables: Readonly<Record<string, string>>,
): Record<K, string | null> {
  const issues: RuleIssue[] = [];
  const out = {} as Record<K, string | null>;
  for (const key of Object.keys(texts) as K[]) {
    const { text, path } = texts[key];
    if (text === null) {
      out[key] = null;
      continue;
    }
    const filled = fillPromptVariables(text, variables, path);
    issues.push(...filled.issues);
    out[key] = filled.text;
  }
  if (issues.length > 0) throw ScheduleRuleError.fromIssues(issues);
  return out;
}
