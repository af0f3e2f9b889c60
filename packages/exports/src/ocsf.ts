import { OCSF_SEVERITY_NAMES, ocsfSeverityId } from './severity.ts';
import { AISPM_TOOL, type ExportFinding, type ExportRule, type ToolInfo } from './types.ts';

export const OCSF_VERSION = '1.8.0';
const FINDINGS_CATEGORY = 2;
export const DETECTION_FINDING = 2004;
export const COMPLIANCE_FINDING = 2003;

/** Finding status_id of OCSF from the aispm lifecycle. */
const STATUS: Record<string, { id: number; name: string }> = {
  open: { id: 1, name: 'New' },
  reopened: { id: 1, name: 'New' },
  suppressed: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' },
};

const CLOUD_PROVIDER: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP' };

const epoch = (iso: string | null) => (iso ? Date.parse(iso) : undefined);

/** activity: Create for a first sighting, Close once resolved, otherwise Update. */
function activity(f: ExportFinding): { id: number; name: string } {
  if (f.status === 'resolved') return { id: 3, name: 'Close' };
  if (f.firstSeenAt === f.lastSeenAt) return { id: 1, name: 'Create' };
  return { id: 2, name: 'Update' };
}

/** The rule's remediation for the finding's own cloud. */
function remediation(rule: ExportRule | undefined, provider: string) {
  const r = rule?.remediation[provider];
  if (!rule || !r) return undefined;
  const steps = [...r.console, ...(r.cli ? [r.cli] : [])];
  return {
    desc: steps.join('\n'),
    ...(rule.references.length ? { references: rule.references } : {}),
  };
}

function common(f: ExportFinding, classUid: number, className: string, tool: ToolInfo, tenant?: string) {
  const act = activity(f);
  const severityId = ocsfSeverityId(f.severity);
  const status = STATUS[f.status] ?? { id: 99, name: f.status };
  const lastSeen = epoch(f.lastSeenAt) ?? 0;
  return {
    activity_id: act.id,
    activity_name: act.name,
    category_uid: FINDINGS_CATEGORY,
    category_name: 'Findings',
    class_uid: classUid,
    class_name: className,
    type_uid: classUid * 100 + act.id,
    type_name: `${className}: ${act.name}`,
    severity_id: severityId,
    severity: OCSF_SEVERITY_NAMES[severityId],
    time: epoch(f.resolvedAt) ?? lastSeen,
    status_id: status.id,
    status: f.status === 'reopened' ? 'Reopened' : status.name,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: tool.name,
        vendor_name: tool.name,
        version: tool.version,
        url_string: tool.informationUri,
      },
      profiles: ['cloud'],
      ...(tenant ? { tenant_uid: tenant } : {}),
      uid: `${f.id}:${classUid}`,
    },
    cloud: {
      provider: CLOUD_PROVIDER[f.provider] ?? f.provider,
      ...(f.region !== 'global' ? { region: f.region } : {}),
      account: { uid: f.accountId },
    },
    resources: [
      {
        uid: f.assetId,
        ...(f.assetName ? { name: f.assetName } : {}),
        type: f.assetType ?? f.assetKind ?? 'unknown',
        provider: CLOUD_PROVIDER[f.provider] ?? f.provider,
        ...(f.region !== 'global' ? { region: f.region } : {}),
        data: { account_uid: f.accountId, ...(f.assetKind ? { aispm_kind: f.assetKind } : {}) },
      },
    ],
  };
}

function findingInfo(f: ExportFinding, rule: ExportRule | undefined, uid: string) {
  return {
    uid,
    title: f.title,
    ...(rule ? { desc: rule.rationale } : {}),
    types: [f.ruleId],
    first_seen_time: epoch(f.firstSeenAt),
    last_seen_time: epoch(f.lastSeenAt),
    analytic: { uid: f.ruleId, name: rule?.title ?? f.ruleId, type_id: 1, type: 'Rule' },
  };
}

/** Detection Finding (2004) for one aispm finding. */
export function detectionFinding(
  f: ExportFinding,
  rule: ExportRule | undefined,
  tool: ToolInfo = AISPM_TOOL,
  tenant?: string,
) {
  const rem = remediation(rule, f.provider);
  return {
    ...common(f, DETECTION_FINDING, 'Detection Finding', tool, tenant),
    finding_info: findingInfo(f, rule, f.fingerprint),
    risk_score: Math.round(f.riskScore * 10),
    ...(rem ? { remediation: rem } : {}),
    is_alert: f.status === 'open' || f.status === 'reopened',
    unmapped: { evidence: f.evidence, controls: f.controls },
  };
}

/** Compliance Finding (2003) for one aispm finding and one control it fails. */
export function complianceFinding(
  f: ExportFinding,
  control: { framework: string; frameworkTitle: string; id: string },
  rule: ExportRule | undefined,
  tool: ToolInfo = AISPM_TOOL,
  tenant?: string,
) {
  const rem = remediation(rule, f.provider);
  const active = f.status === 'open' || f.status === 'reopened';
  return {
    ...common(f, COMPLIANCE_FINDING, 'Compliance Finding', tool, tenant),
    finding_info: findingInfo(f, rule, `${f.fingerprint}:${control.framework}:${control.id}`),
    compliance: {
      standards: [control.frameworkTitle],
      control: control.id,
      // A suppressed or resolved finding no longer fails the control on this resource.
      status_id: active ? 3 : 1,
      status: active ? 'Fail' : 'Pass',
      ...(rule ? { desc: rule.title } : {}),
    },
    ...(rem ? { remediation: rem } : {}),
  };
}

export interface OcsfInput {
  findings: AsyncIterable<ExportFinding>;
  rule(id: string): ExportRule | undefined;
  /** Framework id → control ids → the framework title for `compliance.standards`. */
  frameworks: readonly { id: string; title: string; controls: readonly { id: string }[] }[];
  /** Only these frameworks' controls become Compliance Findings (all when absent). */
  framework?: string;
  tool?: ToolInfo;
  tenant?: string;
}

/** JSON Lines: a Detection Finding per finding, then a Compliance Finding per control of that finding. */
export async function* ocsfJsonLines(input: OcsfInput): AsyncGenerator<string> {
  const frameworks = input.frameworks.filter((fw) => !input.framework || fw.id === input.framework);
  for await (const f of input.findings) {
    const rule = input.rule(f.ruleId);
    let out = `${JSON.stringify(detectionFinding(f, rule, input.tool, input.tenant))}\n`;
    const mapped = rule?.frameworks;
    for (const fw of frameworks) {
      const ids = mapped
        ? (mapped[fw.id] ?? [])
        : f.controls.filter((c) => fw.controls.some((x) => x.id === c));
      for (const id of ids)
        out += `${JSON.stringify(complianceFinding(f, { framework: fw.id, frameworkTitle: fw.title, id }, rule, input.tool, input.tenant))}\n`;
    }
    yield out;
  }
}
