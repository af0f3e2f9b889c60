/**
 * What an evaluation found: one failing (rule, asset) pair. The policy engine produces it, the database stores it
 * (with its lifecycle); declared here, below both, so neither depends on the other.
 */
export interface FindingDraft {
  fingerprint: string;
  ruleId: string;
  assetId: string;
  provider: string;
  accountId: string;
  region: string;
  severity: string;
  riskScore: number;
  riskReasons: string[];
  title: string;
  controls: string[];
  evidence: unknown;
}
