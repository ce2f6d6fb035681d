import type { CallStatus } from '../domain/contract/enums';
import type { SearchCallsRequest } from '../domain/contract/search';
import { normalizePhoneNumber } from '../domain/phone';
import * as sa from '../workflows/search-attributes';

/**
 * A visibility string literal: single-quoted, with backslashes and quotes escaped, control characters refused.
 * Every value that reaches a List/Count query goes through here, so no client text can change the query.
 */
export function literal(value: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = value.replace(/[\u0000-\u001f\u007f]/g, '');
  return `'${safe.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function inList(attribute: string, values: readonly string[]): string {
  return values.length === 1
    ? `${attribute} = ${literal(values[0] ?? '')}`
    : `${attribute} IN (${values.map(literal).join(', ')})`;
}

/** `attribute IN (values)`, where the value `none` means the attribute is not set. */
function inListOrNone(attribute: string, values: readonly string[]): string {
  const named = values.filter((v) => v !== 'none');
  const parts = named.length > 0 ? [inList(attribute, named)] : [];
  if (named.length < values.length) parts.push(`${attribute} IS NULL`);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
}

/** Phone-number prefix of a free-text query: `+` and digits, separators removed; null when it is not one. */
function phonePrefix(query: string): string | null {
  const compact = query.replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,}$/.test(compact)) return null;
  return compact.startsWith('+') ? compact : `+${compact}`;
}

/** Thrown for a filter that can match nothing (inbound direction, campaigns, assignees): the answer is empty. */
export const MATCHES_NOTHING = Symbol('matches nothing');

/**
 * The visibility query of a search, scoped to one organization. Returns {@link MATCHES_NOTHING} when a filter
 * can match no order of this product (inbound calls, campaigns, assignees).
 * @throws InvalidPhoneNumberError for a `to_phone_number` / `from_phone_numbers` value that is not a phone number
 */
export function searchQuery(organizationId: string, filters: SearchCallsRequest): string | typeof MATCHES_NOTHING {
  const directions = filters.directions ?? [];
  if (directions.length > 0 && !directions.includes('outbound')) return MATCHES_NOTHING;
  if ((filters.campaign_ids ?? []).length > 0 || (filters.assignee_ids ?? []).length > 0) return MATCHES_NOTHING;

  const clauses = [`WorkflowType = 'callOrder'`, `${sa.CallOrganizationId.name} = ${literal(organizationId)}`];
  const add = (values: readonly string[] | undefined, build: (values: readonly string[]) => string): void => {
    if (values && values.length > 0) clauses.push(build(values));
  };
  if (filters.statuses && filters.statuses.length > 0) clauses.push(statusClause(filters.statuses));
  add(filters.results, (v) => inListOrNone(sa.CallLastResult.name, v));
  add(filters.outcomes, (v) => inListOrNone(sa.CallOutcome.name, v));
  add(filters.assistant_ids, (v) => inList(sa.CallAssistantId.name, v));
  add(filters.call_ids, (v) => inList('WorkflowId', v));
  add(filters.from_phone_numbers?.map(normalizePhoneNumber), (v) => inList(sa.CallFromPhoneNumber.name, v));
  if (filters.to_phone_number) {
    clauses.push(`${sa.CallPhoneNumber.name} = ${literal(normalizePhoneNumber(filters.to_phone_number))}`);
  }
  if (filters.created_after) clauses.push(`StartTime >= ${literal(new Date(filters.created_after).toISOString())}`);
  if (filters.created_before) clauses.push(`StartTime < ${literal(new Date(filters.created_before).toISOString())}`);
  const text = filters.query?.trim();
  if (text) clauses.push(freeText(text));
  return clauses.join(' AND ');
}

/** Runs that ended without a result, and the status the API shows for them (see `CallOrders.readInfo`). */
const CLOSED_WITHOUT_RESULT: Partial<Record<CallStatus, string[]>> = {
  cancelled: ['Terminated', 'Canceled'],
  errored: ['Failed', 'TimedOut'],
};

/**
 * Orders the API shows with one of `statuses`. `CallStatus` is the workflow's own word while it runs or once it
 * returned; a run that closed without returning (terminated by an operator, failed, timed out) kept the value of its
 * last phase, so it matches on its execution status instead, as `GET /call/{id}` shows it.
 */
function statusClause(statuses: readonly CallStatus[]): string {
  const returned = `ExecutionStatus IN ('Running', 'Completed')`;
  const options = [`(${inList(sa.CallStatus.name, statuses)} AND ${returned})`];
  const closed = statuses.flatMap((status) => CLOSED_WITHOUT_RESULT[status] ?? []);
  if (closed.length > 0) options.push(inList('ExecutionStatus', closed));
  return options.length === 1 ? (options[0] ?? '') : `(${options.join(' OR ')})`;
}

/** Free text: a phone-number prefix of either number, an exact metadata / prompt variable value, or a call id. */
function freeText(text: string): string {
  const options = [`WorkflowId = ${literal(text)}`];
  const term = searchTerm(text);
  if (term !== '') options.push(`${sa.CallSearchTerms.name} = ${literal(term)}`);
  const prefix = phonePrefix(text);
  if (prefix) {
    options.push(`${sa.CallPhoneNumber.name} STARTS_WITH ${literal(prefix)}`);
    options.push(`${sa.CallFromPhoneNumber.name} STARTS_WITH ${literal(prefix)}`);
  }
  return `(${options.join(' OR ')})`;
}

/** Keyword-list terms of an order for the free-text query: lower-cased values, bounded in number and size. */
export function searchTerms(...maps: (Record<string, string> | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const map of maps) {
    for (const value of Object.values(map ?? {})) {
      const term = searchTerm(value);
      if (term !== '' && term.length <= 100 && terms.size < 50) terms.add(term);
    }
  }
  return [...terms];
}

/**
 * The comparable form of a free-text value: trimmed, lower-cased, without double quotes (SQL visibility matches
 * keyword lists with a full-text index whose syntax a double quote breaks).
 */
function searchTerm(value: string): string {
  return value.replace(/"/g, '').trim().toLowerCase();
}
