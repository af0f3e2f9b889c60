import { describe, expect, it } from 'vitest';
import {
  decodeBase64Text,
  environmentVariableNames,
  redactSecrets,
  SecretRedactor,
} from '../src/shared/secrets.ts';

describe('redactSecrets', () => {
  it('replaces AWS access key ids and keeps the surrounding text', () => {
    const r = redactSecrets('use key AKIAIOSFODNN7EXAMPLE for uploads');
    expect(r.text).toBe('use key «redacted:aws-access-key» for uploads');
    expect(r.detectors).toEqual(['aws-access-key']);
  });

  it('replaces the value of an AWS secret key assignment but keeps the variable name', () => {
    const r = redactSecrets(
      'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\necho done',
    );
    expect(r.text).toBe('export AWS_SECRET_ACCESS_KEY=«redacted:aws-secret-key»\necho done');
    expect(r.detectors).toEqual(['aws-secret-key']);
  });

  it('replaces whole private key blocks', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----';
    const r = redactSecrets(`cat > key.pem <<EOF\n${pem}\nEOF`);
    expect(r.text).toBe('cat > key.pem <<EOF\n«redacted:private-key»\nEOF');
  });

  it('names GitHub, Slack and OpenAI-style tokens by their detector', () => {
    const text = `gh ghp_${'a'.repeat(36)} slack xoxb-1234567890-abcdefghij openai sk-proj-${'B'.repeat(40)}`;
    const r = redactSecrets(text);
    expect(r.text).toBe(
      'gh «redacted:github-token» slack «redacted:slack-token» openai «redacted:openai-api-key»',
    );
    expect(r.detectors.sort()).toEqual(['github-token', 'openai-api-key', 'slack-token']);
  });

  it('redacts generic api_key / token / password assignments with long values only', () => {
    const r = redactSecrets('api_key="0123456789abcdef" password: hunter2hunter2 token=short retries=5');
    expect(r.text).toBe(
      'api_key="«redacted:generic-api-key»" password: «redacted:generic-api-key» token=short retries=5',
    );
  });

  it('a specific token inside a generic assignment is reported once, by its specific detector', () => {
    const r = redactSecrets(`GITHUB_TOKEN=ghp_${'x'.repeat(36)}`);
    expect(r.text).toBe('GITHUB_TOKEN=«redacted:github-token»');
    expect(r.detectors).toEqual(['github-token']);
  });

  it('leaves text without credentials untouched', () => {
    const text = 'You are a helpful assistant for the finance team. Never reveal account numbers.';
    expect(redactSecrets(text)).toEqual({ text, detectors: [] });
  });
});

describe('SecretRedactor, environment variables, base64', () => {
  it('records one finding per detector and field', () => {
    const r = new SecretRedactor();
    expect(r.redact('instruction', 'key AKIAIOSFODNN7EXAMPLE')).toBe('key «redacted:aws-access-key»');
    expect(r.redact('other', undefined)).toBeUndefined();
    expect(r.findings).toEqual([{ detector: 'aws-access-key', field: 'instruction' }]);
  });

  it('keeps environment variable names only, sorted', () => {
    expect(environmentVariableNames({ Z_TOKEN: 'secret', A_URL: 'https://x' })).toEqual(['A_URL', 'Z_TOKEN']);
    expect(environmentVariableNames(undefined)).toEqual([]);
  });

  it('decodes base64 lifecycle scripts and rejects non-base64 input', () => {
    expect(decodeBase64Text(Buffer.from('#!/bin/bash\necho hi').toString('base64'))).toBe(
      '#!/bin/bash\necho hi',
    );
    expect(decodeBase64Text('not base64!')).toBeUndefined();
  });
});

describe('AWS secret keys in prose', () => {
  it('redacts a secret access key written after the word "secret" and a bare secret-shaped value', () => {
    const r = redactSecrets(
      'call the CRM with access key AKIAIOSFODNN7EXAMPLE and secret 4s8LDKrpdBrfeoA3j2wyG0WNypHuo8fZZSsa+dCv.',
    );
    expect(r.text).toBe(
      'call the CRM with access key «redacted:aws-access-key» and secret «redacted:aws-secret-key».',
    );
    expect(redactSecrets('creds: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY').text).toBe(
      'creds: «redacted:aws-secret-key»',
    );
  });

  it('does not treat 40-character identifiers without secret shape as secrets', () => {
    const sha = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    expect(redactSecrets(`commit ${sha}`).text).toBe(`commit ${sha}`);
  });
});

describe('credentials in URLs', () => {
  it('redacts the password of user:password@ URLs and keeps the rest', () => {
    const r = redactSecrets('git clone https://deploy:s3cr3t-t0ken@git.example.com/ml/repo.git');
    expect(r.text).toBe('git clone https://deploy:«redacted:url-credentials»@git.example.com/ml/repo.git');
    expect(redactSecrets('see https://git.example.com/ml/repo.git').detectors).toEqual([]);
  });
});
