import { ConfigError, loadConfig } from '../../config/config';

describe('loadConfig', () => {
  it('given an empty environment, then the local defaults: one organization, no keys, no per-key limits', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ TEMPORAL_ADDRESS: 'localhost:7233', PORT: 3000, CONCURRENCY_DEFAULT_MAX: 1 });
    expect(config.API_KEYS.size).toBe(0);
    expect(config.CONCURRENCY_LIMITS).toEqual({});
    expect(config.DEFAULT_FROM_PHONE_NUMBER).toBeNull();
  });

  it('given DEFAULT_FROM_PHONE_NUMBER with spaces, then it is kept in E.164', () => {
    expect(loadConfig({ DEFAULT_FROM_PHONE_NUMBER: '+1 212 555 0100' }).DEFAULT_FROM_PHONE_NUMBER).toBe('+12125550100');
  });

  it('given API_KEYS and CONCURRENCY_LIMITS, then keys map to organizations and limits to the gate table', () => {
    const config = loadConfig({
      API_KEYS: 'key_a:org_a, key_b:org_b',
      CONCURRENCY_LIMITS: '{"org_a": {"default_max": 5, "keys": {"sales": 2}}, "org_b": {"keys": {"x": 1}}}',
    });
    expect([...config.API_KEYS]).toEqual([
      ['key_a', 'org_a'],
      ['key_b', 'org_b'],
    ]);
    expect(config.CONCURRENCY_LIMITS).toEqual({
      org_a: { defaultMax: 5, keys: { sales: 2 } },
      org_b: { defaultMax: undefined, keys: { x: 1 } },
    });
  });

  it.each([
    ['CONCURRENCY_LIMITS', '{not json', 'must be JSON'],
    ['CONCURRENCY_LIMITS', '{"org_a": {"keys": {"sales": 0}}}', 'CONCURRENCY_LIMITS.org_a.keys.sales'],
    ['CONCURRENCY_LIMITS', '{"org_a": {"default": 3}}', 'CONCURRENCY_LIMITS.org_a'],
    ['API_KEYS', 'just-a-key', 'key:organization_id'],
    ['PORT', '70000', 'PORT'],
    ['DEFAULT_FROM_PHONE_NUMBER', '555 0100', 'DEFAULT_FROM_PHONE_NUMBER'],
  ])('given %s=%s, then start-up fails naming it (%s)', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(expected);
  });
});
