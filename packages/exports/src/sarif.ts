import { jsonDocument } from './json.ts';
import { riskAsSecuritySeverity, sarifLevel, securitySeverity } from './severity.ts';
import { ACTIVE_STATUSES, AISPM_TOOL, type ExportFinding, type ExportRule, type ToolInfo } from './types.ts';

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** How the rule's remediation reads in SARIF `help` (text and markdown): one section per cloud. */
function help(rule: ExportRule): { text: string; markdown: string } {
  const clouds = Object.entries(rule.remediation);
  const lines = [
    rule.rationale,
    ...clouds.flatMap(([provider, r]) => [
      '',
      `Remediation (${provider}):`,
      ...r.console.map((s, i) => `${i + 1}. ${s}`),
      ...(r.cli ? ['', `CLI: ${r.cli}`] : []),
      ...(r.terraform ? ['', 'Terraform:', r.terraform] : []),
    ]),
    ...(rule.references.length ? ['', 'References:', ...rule.references] : []),
  ];
  const md = [
    rule.rationale,
    ...clouds.flatMap(([provider, r]) => [
      '',
      `**Remediation (${provider})**`,
      '',
      ...r.console.map((s, i) => `${i + 1}. ${s}`),
      ...(r.cli ? ['', '```sh', r.cli, '```'] : []),
      ...(r.terraform ? ['', '```hcl', r.terraform, '```'] : []),
    ]),
    ...(rule.references.length ? ['', ...rule.references.map((r) => `- <${r}>`)] : []),
  ];
  return { text: lines.join('\n'), markdown: md.join('\n') };
}

/** `frameworkId/controlId` tags, e.g. `owasp-llm-2025/LLM03:2025`, plus `security`. */
export function ruleTags(rule: ExportRule): string[] {
  return [
    'security',
    ...Object.entries(rule.frameworks).flatMap(([fw, ids]) => ids.map((id) => `${fw}/${id}`)),
  ];
}

export function sarifRule(rule: ExportRule) {
  return {
    id: rule.id,
    name: rule.id
      .replace(/^aispm-/, '')
      .split('-')
      .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : w))
      .join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: help(rule),
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ruleTags(rule),
      'security-severity': securitySeverity(rule.severity),
      severity: rule.severity,
    },
  };
}

export function sarifResult(f: ExportFinding, ruleIndex: number | undefined) {
  const suppressed = f.status === 'suppressed';
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    kind: 'fail',
    level: sarifLevel(f.severity),
    message: { text: `${f.title}: ${f.assetName ?? f.assetId}` },
    locations: [
      {
        logicalLocations: [
          {
            fullyQualifiedName: f.assetId,
            ...(f.assetName ? { name: f.assetName } : {}),
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: { 'aispmFindingFingerprint/v1': f.fingerprint },
    ...(suppressed
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              ...(f.suppressReason ? { justification: f.suppressReason } : {}),
              ...(f.suppressedBy || f.suppressedUntil
                ? {
                    properties: {
                      ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}),
                      ...(f.suppressedUntil ? { suppressedUntil: f.suppressedUntil } : {}),
                    },
                  }
                : {}),
            },
          ],
        }
      : {}),
    properties: {
      findingId: f.id,
      status: f.status,
      riskScore: f.riskScore,
      'security-severity': riskAsSecuritySeverity(f.riskScore),
      provider: f.provider,
      accountId: f.accountId,
      region: f.region,
      ...(f.assetKind ? { assetKind: f.assetKind } : {}),
      ...(f.assetType ? { resourceType: f.assetType } : {}),
      controls: f.controls,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
      evidence: f.evidence,
    },
  };
}

/**
 * One SARIF 2.1.0 run: `tool.driver` is aispm with every rule; one result per active or suppressed finding
 * (resolved findings are not problems any more and are left out). Streamed: findings are read once.
 */
export function sarifLog(input: {
  rules: readonly ExportRule[];
  findings: AsyncIterable<ExportFinding>;
  tool?: ToolInfo;
}): AsyncGenerator<string> {
  const tool = input.tool ?? AISPM_TOOL;
  const index = new Map(input.rules.map((r, i) => [r.id, i]));
  async function* results() {
    for await (const f of input.findings) {
      if (!ACTIVE_STATUSES.has(f.status) && f.status !== 'suppressed') continue;
      yield sarifResult(f, index.get(f.ruleId));
    }
  }
  return jsonDocument(
    {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: tool.name,
              version: tool.version,
              semanticVersion: tool.version,
              informationUri: tool.informationUri,
              rules: input.rules.map(sarifRule),
            },
          },
          columnKind: 'utf16CodeUnits',
        },
      ],
    },
    [{ path: ['runs', '0', 'results'], items: results() }],
  );
}
