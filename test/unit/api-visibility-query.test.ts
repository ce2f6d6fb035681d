import { csvCell, toCsv } from '../../api/csv';
import { literal, MATCHES_NOTHING, searchQuery, searchTerms } from '../../api/visibility-query';
import { searchCallsRequestSchema } from '../../domain/contract/search';

const filters = (body: object) => searchCallsRequestSchema.parse(body);

describe('visibility queries built from search filters', () => {
  it('given quotes and backslashes in a value, then they stay inside one literal', () => {
    expect(literal("it's")).toBe("'it\\'s'");
    expect(literal('a\\')).toBe("'a\\\\'");
    expect(literal("x' OR WorkflowId != '")).toBe("'x\\' OR WorkflowId != \\''");
    expect(literal('a\u0000b\nc')).toBe("'abc'");
  });

  it('given no filter, then only the organization and the workflow type', () => {
    expect(searchQuery("org'1", filters({}))).toBe("WorkflowType = 'callOrder' AND CallOrganizationId = 'org\\'1'");
  });

  it('given filters, then one clause each, phone numbers normalised, none as IS NULL', () => {
    const query = searchQuery(
      'org',
      filters({
        statuses: ['scheduled', 'calling'],
        results: ['human', 'none'],
        to_phone_number: '+1 (212) 555-0101',
        from_phone_numbers: ['+1 415 555 0100'],
        created_after: '2027-01-01T00:00:00+01:00',
      }),
    );
    expect(query).toContain("(CallStatus IN ('scheduled', 'calling') AND ExecutionStatus IN ('Running', 'Completed'))");
    expect(query).toContain("(CallLastResult = 'human' OR CallLastResult IS NULL)");
    expect(query).toContain("CallPhoneNumber = '+12125550101'");
    expect(query).toContain("CallFromPhoneNumber = '+14155550100'");
    expect(query).toContain("StartTime >= '2026-12-31T23:00:00.000Z'");
  });

  it('given final statuses, then runs closed without a result match by their execution status', () => {
    expect(searchQuery('org', filters({ statuses: ['cancelled', 'errored'] }))).toContain(
      "((CallStatus IN ('cancelled', 'errored') AND ExecutionStatus IN ('Running', 'Completed')) OR " +
        "ExecutionStatus IN ('Terminated', 'Canceled', 'Failed', 'TimedOut'))",
    );
    expect(searchQuery('org', filters({ statuses: ['completed'] }))).not.toContain('Terminated');
  });

  it('given free text, then a phone prefix, an exact lower-cased term or an id', () => {
    const query = searchQuery('org', filters({ query: '(212) 555' }));
    expect(query).toContain("CallPhoneNumber STARTS_WITH '+212555'");
    expect(searchQuery('org', filters({ query: 'Boston' }))).toContain("CallSearchTerms = 'boston'");
    expect(searchQuery('org', filters({ query: 'Boston' }))).not.toContain('STARTS_WITH');
  });

  it('given inbound only, campaigns or assignees, then nothing can match', () => {
    expect(searchQuery('org', filters({ directions: ['inbound'] }))).toBe(MATCHES_NOTHING);
    expect(searchQuery('org', filters({ campaign_ids: ['c'] }))).toBe(MATCHES_NOTHING);
    expect(searchQuery('org', filters({ assignee_ids: ['a'] }))).toBe(MATCHES_NOTHING);
    expect(searchQuery('org', filters({ directions: ['inbound', 'outbound'] }))).not.toBe(MATCHES_NOTHING);
  });

  it('given metadata and variables, then bounded lower-cased terms', () => {
    expect(searchTerms({ a: ' Boston ', b: '' }, { c: 'x'.repeat(101), d: 'boston' })).toEqual(['boston']);
  });
});

describe('CSV cells', () => {
  it('given RFC 4180 specials, then quoted with doubled quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('given a formula start, then prefixed with a quote', () => {
    for (const text of ['=1+1', '+1212', '-2', '@SUM(A1)', '\tx']) expect(csvCell(text)).toBe(`'${text}`);
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });

  it('given rows, then CRLF lines with the header first', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});
