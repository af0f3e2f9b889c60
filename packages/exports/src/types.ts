import type { AssetRecord, EdgeKind } from '@aispm/core';

/** A finding as exports need it: the list row plus its fingerprint and evidence. */
export interface ExportFinding {
  id: string;
  fingerprint: string;
  ruleId: string;
  title: string;
  severity: string;
  riskScore: number;
  status: string;
  assetId: string;
  assetName: string | null;
  assetKind: string | null;
  /** The asset's native resource type (e.g. `AWS::S3::Bucket`), when the asset is in the graph. */
  assetType: string | null;
  provider: string;
  accountId: string;
  region: string;
  controls: string[];
  evidence: Record<string, unknown>;
  suppressReason: string | null;
  suppressedBy: string | null;
  suppressedUntil: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

/** How to fix a finding on one cloud. */
export interface RemediationText {
  console: string[];
  cli?: string;
  terraform?: string;
}

export interface ExportRule {
  id: string;
  title: string;
  severity: string;
  rationale: string;
  /** Provider (`aws`, `azure`, `gcp`) → how to fix it there; a finding uses its own provider's. */
  remediation: Record<string, RemediationText>;
  references: string[];
  /** Framework id → control ids the rule evidences. */
  frameworks: Record<string, string[]>;
}

export interface ExportAsset extends AssetRecord {
  /** Data stores and datasets the model was trained on (its `trained-on` edges), for the model card. */
  trainedOn?: string[];
}

/** A lineage edge between two assets of the BOM. */
export interface ExportEdge {
  kind: EdgeKind;
  from: string;
  to: string;
}

export interface FrameworkControlInfo {
  id: string;
  title: string;
  /** Why posture cannot evidence the control, when no rule maps it. */
  notEvidenceable?: string;
}

export interface FrameworkInfo {
  id: string;
  title: string;
  version: string;
  source?: string;
  controls: FrameworkControlInfo[];
}

/** The tool that produced an export. */
export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export const AISPM_TOOL: ToolInfo = {
  name: 'aispm',
  version: '0.1.0',
  informationUri: 'https://github.com/aispm/aispm',
};

/** Active findings are reported as open problems; suppressed and resolved ones keep their lifecycle state. */
export const ACTIVE_STATUSES = new Set(['open', 'reopened']);
