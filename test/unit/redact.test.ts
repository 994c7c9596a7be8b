import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/domain/redact.ts';

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

describe('createRedactor', () => {
  it('replaces a known secret everywhere it occurs', () => {
    const redact = createRedactor(['s3cr3t-value']);
    expect(redact('a s3cr3t-value b s3cr3t-value')).toBe('a *** b ***');
  });

  it('replaces the URL-encoded form of a secret inside a URL', () => {
    const redact = createRedactor(['p@ss/word:1']);
    const url = 'https://bot:p%40ss%2Fword%3A1@example.com/repo.git';
    expect(redact(`fetching ${url}`)).toBe('fetching https://***@example.com/repo.git');
    expect(redact('token=p%40ss%2Fword%3A1&x=1')).toBe('token=***&x=1');
  });

  it('replaces the base64 forms git and HTTP clients send (Basic auth of x-access-token:TOKEN)', () => {
    const redact = createRedactor(['my-installation-token']);
    const basic = Buffer.from('x-access-token:my-installation-token').toString('base64');
    const plain = Buffer.from('my-installation-token').toString('base64');
    expect(redact(`Authorization: Basic ${basic}`)).toBe('Authorization: Basic ***');
    expect(redact(`AUTHORIZATION: basic ${basic.replace(/=+$/, '')}`)).toBe('AUTHORIZATION: basic ***');
    expect(redact(`secret: ${plain}`)).toBe('secret: ***');
  });

  it('replaces the longest secret first when one secret contains another', () => {
    const redact = createRedactor(['abcd', 'abcdefgh']);
    expect(redact('abcdefgh abcd')).toBe('*** ***');
  });

  it('ignores empty and very short secrets instead of shredding the text', () => {
    const redact = createRedactor(['', 'a', 'ab1']);
    expect(redact('a tab1e of data')).toBe('a tab1e of data');
  });

  it('treats regular-expression characters in secrets literally', () => {
    const redact = createRedactor(['a.b*c+(d)']);
    expect(redact('x a.b*c+(d) y aXbbbcc(d)')).toBe('x *** y aXbbbcc(d)');
  });

  it('recognises GitHub tokens it was not told about', () => {
    const redact = createRedactor([]);
    const pat = `github_pat_11ABCDEFG0123456789_${'x'.repeat(59)}`;
    expect(redact(`GH_TOKEN=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 and ${TOKEN}`)).toBe('GH_TOKEN=*** and ***');
    expect(redact(`token ${pat} end`)).toBe('token *** end');
    expect(redact('gho_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 ghu_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789')).toBe('*** ***');
    expect(redact('a ghp_short token stays')).toBe('a ghp_short token stays');
  });

  it('recognises Anthropic keys and AWS access key ids', () => {
    const redact = createRedactor([]);
    expect(redact('key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv_wx-yz end')).toBe('key *** end');
    expect(redact('id AKIAIOSFODNN7EXAMPLE end')).toBe('id *** end');
  });

  it('removes a PEM private key block, also when the output stops before its END line', () => {
    const redact = createRedactor([]);
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc+/=\n-----END RSA PRIVATE KEY-----';
    expect(redact(`before\n${key}\nafter`)).toBe('before\n***\nafter');
    expect(redact('x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk')).toBe('x ***');
    expect(redact('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toBe(
      '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
    );
  });

  it('removes user:password credentials from any URL but keeps the rest of it', () => {
    const redact = createRedactor([]);
    const remote = `remote: https://x-access-token:${TOKEN}@github.com/o/r.git`;
    expect(redact(remote)).toBe('remote: https://***@github.com/o/r.git');
    expect(redact('postgres://bench:hunter2@localhost:5432/db')).toBe('postgres://***@localhost:5432/db');
    expect(redact('see https://example.com:8080/a@b and ssh://git@github.com/o/r')).toBe(
      'see https://example.com:8080/a@b and ssh://git@github.com/o/r',
    );
  });

  it('is idempotent and leaves text without secrets untouched', () => {
    const redact = createRedactor([TOKEN, 'other-secret']);
    const once = redact(`push https://x-access-token:${TOKEN}@github.com failed; other-secret`);
    expect(once).toBe('push https://***@github.com failed; ***');
    expect(redact(once)).toBe(once);
    expect(redact('BenchmarkFoo-8  1000  1234 ns/op')).toBe('BenchmarkFoo-8  1000  1234 ns/op');
  });
});
