/** One scale for every format: aispm severities, highest first. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** SARIF `level` for a severity. */
export function sarifLevel(severity: string): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub's `security-severity` (0.0–10.0 as a string): critical ≥ 9, high 7–8.9, medium 4–6.9, low < 4. */
export function securitySeverity(severity: string): string {
  return (
    ({ critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.5' } as const)[
      severity as 'critical'
    ] ?? '0.0'
  );
}

/** A risk score (0–10 in aispm) as `security-severity`, bounded to the scale GitHub reads. */
export function riskAsSecuritySeverity(risk: number): string {
  return Math.min(10, Math.max(0, Number.isFinite(risk) ? risk : 0)).toFixed(1);
}

/** OCSF `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical (0 Unknown). */
export function ocsfSeverityId(severity: string): number {
  return ({ info: 1, low: 2, medium: 3, high: 4, critical: 5 } as Record<string, number>)[severity] ?? 0;
}

export const OCSF_SEVERITY_NAMES: Record<number, string> = {
  0: 'Unknown',
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
};
