import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatPercent,
  formatReason,
  formatRelative,
  formatScore,
  frameworkPassing,
  humanizeKey,
  percent,
  severityRank,
  shortAssetId,
  truncateMiddle,
} from '../src/lib/format.ts';

describe('formatting', () => {
  it('formats counts, scores and percentages, with a dash for missing values', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(undefined)).toBe('—');
    expect(formatScore(7.25)).toBe('7.3');
    expect(formatScore(null)).toBe('—');
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(1, 0)).toBe('—');
    expect(percent(5, 4)).toBe(100);
    expect(percent(-1, 4)).toBe(0);
  });

  it('ranks severities critical first and unknown last', () => {
    const sorted = ['low', 'bogus', 'critical', 'medium', 'info', 'high'].sort(
      (a, b) => severityRank(a) - severityRank(b),
    );
    expect(sorted).toEqual(['critical', 'high', 'medium', 'low', 'info', 'bogus']);
  });

  it('formats timestamps in UTC and tolerates garbage', () => {
    expect(formatDateTime('2026-11-23T13:37:34.000Z')).toBe('2026-11-23 13:37 UTC');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDateTime(null)).toBe('—');
  });

  it('formats relative times in the past and future', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(formatRelative('2026-11-23T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-11-23T11:55:00Z', now)).toBe('5m ago');
    expect(formatRelative('2026-11-23T09:00:00Z', now)).toBe('3h ago');
    expect(formatRelative('2026-11-20T12:00:00Z', now)).toBe('3d ago');
    expect(formatRelative('2026-11-23T14:00:00Z', now)).toBe('in 2h');
    expect(formatRelative('2025-01-01T00:00:00Z', now)).toBe('2025-01-01');
  });

  it('formats durations, running ones against now', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(formatDuration('2026-11-23T11:59:59.500Z', '2026-11-23T12:00:00Z')).toBe('500ms');
    expect(formatDuration('2026-11-23T11:58:55Z', '2026-11-23T12:00:00Z')).toBe('1m 5s');
    expect(formatDuration('2026-11-23T09:30:00Z', null, now)).toBe('2h 30m');
    expect(formatDuration(null, null)).toBe('—');
  });

  it('shortens provider ids to their resource name', () => {
    expect(shortAssetId('arn:aws:s3:::training-data')).toBe('training-data');
    expect(shortAssetId('arn:aws:sagemaker:us-east-1:111111111111:endpoint/fraud-ep')).toBe('fraud-ep');
    expect(shortAssetId('arn:aws:iam::111111111111:role/ml/Trainer')).toBe('Trainer');
    expect(
      shortAssetId('/subscriptions/s/resourcegroups/rg/providers/microsoft.storage/storageaccounts/sa1'),
    ).toBe('sa1');
    expect(shortAssetId('//aiplatform.googleapis.com/projects/p/locations/us/endpoints/42')).toBe('42');
    expect(shortAssetId('aispm:internet')).toBe('internet');
  });

  it('truncates in the middle, keeping the exact length', () => {
    const out = truncateMiddle('abcdefghijklmnopqrstuvwxyz', 10);
    expect(out).toBe('abcde…wxyz');
    expect(out).toHaveLength(10);
    expect(truncateMiddle('short', 10)).toBe('short');
  });

  it('humanises property keys', () => {
    expect(humanizeKey('publicNetworkAccess')).toBe('Public network access');
    expect(humanizeKey('kms_key-id')).toBe('Kms key id');
  });

  it('renders string and structured risk reasons', () => {
    expect(formatReason('internet-exposed')).toBe('internet-exposed');
    expect(formatReason({ factor: 'reaches sensitive data', weight: 1.5 })).toBe(
      'reaches sensitive data (+1.5)',
    );
    expect(formatReason({ reason: 'no guardrail' })).toBe('no guardrail');
    expect(formatReason({ x: 1 })).toBe('{"x":1}');
    expect(formatReason(3)).toBe('3');
  });

  it('derives passing controls when the API does not send them', () => {
    expect(frameworkPassing({ evidenced: 10, failing: 3, passing: 5 })).toBe(5);
    expect(frameworkPassing({ evidenced: 10, failing: 3 })).toBe(7);
  });
});
