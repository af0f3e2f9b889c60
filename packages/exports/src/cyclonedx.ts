import { createHash } from 'node:crypto';
import type { AssetKind, EdgeKind } from '@aispm/core';
import { jsonDocument } from './json.ts';
import {
  ACTIVE_STATUSES,
  AISPM_TOOL,
  type ExportAsset,
  type ExportEdge,
  type ExportFinding,
  type ToolInfo,
} from './types.ts';

/** How each AI asset kind appears in the ML-BOM; kinds not listed (identities, keys, networks …) stay out. */
export const BOM_COMPONENT_TYPE: Partial<Record<AssetKind, string>> = {
  model: 'machine-learning-model',
  'data-store': 'data',
  'vector-store': 'data',
  dataset: 'data',
  'feature-store': 'data',
  'knowledge-base': 'data',
  'training-job': 'application',
  agent: 'application',
  'agent-tool': 'application',
  function: 'application',
  guardrail: 'application',
  notebook: 'application',
  'ml-workspace': 'platform',
  'ai-service': 'platform',
  'model-registry': 'platform',
  'provisioned-throughput': 'platform',
};
/** Served over the network: CycloneDX `services`. */
export const BOM_SERVICE_KINDS: readonly AssetKind[] = ['inference-endpoint'];
export const BOM_KINDS: readonly AssetKind[] = [
  ...(Object.keys(BOM_COMPONENT_TYPE) as AssetKind[]),
  ...BOM_SERVICE_KINDS,
];

/** Lineage edges as "from depends on to": model ← training job ← dataset, endpoint → model, agent → model/tools/KBs. */
export const LINEAGE_EDGES: readonly EdgeKind[] = [
  'trained-on',
  'produced-by',
  'reads-from',
  'serves',
  'uses-model',
  'uses-knowledge-base',
  'uses-tool',
  'implemented-by',
  'stores-vectors-in',
  'guarded-by',
];

const DATA_TYPE: Partial<Record<AssetKind, string>> = { dataset: 'dataset', 'data-store': 'dataset' };

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function property(name: string, value: unknown) {
  if (value === undefined || value === null || value === '') return undefined;
  return { name, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function commonProperties(a: ExportAsset) {
  return [
    property('aispm:kind', a.kind),
    property('aispm:provider', a.provider),
    property('aispm:accountId', a.accountId),
    property('aispm:region', a.region),
    property('aispm:nativeType', a.nativeType),
    ...Object.entries(a.tags)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => property(`aispm:tag:${k}`, v)),
  ].filter((p) => p !== undefined);
}

function externalReferences(a: ExportAsset) {
  // The cloud resource itself: the id is an ARN, an ARM id or a GCP full resource name, not a URL.
  const console = consoleUrl(a);
  return [
    ...(console ? [{ type: 'other', url: console, comment: 'cloud console' }] : []),
    { type: 'other', url: a.id, comment: `cloud resource id (${a.provider})` },
  ];
}

function consoleUrl(a: ExportAsset): string | undefined {
  if (a.provider === 'azure' && a.id.startsWith('/subscriptions/'))
    return `https://portal.azure.com/#@/resource${a.id}`;
  if (a.provider === 'gcp' && a.id.startsWith('//'))
    return `https://console.cloud.google.com/welcome?project=${encodeURIComponent(a.accountId)}`;
  return undefined;
}

function modelCard(a: ExportAsset) {
  const p = a.properties;
  const architecture = str(p.modelArchitecture) ?? str(p.architecture) ?? str(p.framework);
  const task = str(p.task) ?? str(p.taskType);
  const datasets = (a.trainedOn ?? []).map((ref) => ({ ref }));
  const provider = str(p.providerName) ?? str(p.publisher) ?? str(p.modelFormat);
  const parameters = {
    ...(task ? { task } : {}),
    ...(architecture ? { architectureFamily: architecture } : {}),
    ...(datasets.length ? { datasets } : {}),
  };
  const props = [
    property('aispm:modelProvider', provider),
    property('aispm:baseModel', str(p.baseModelArn) ?? str(p.baseModel)),
  ].filter((x) => x !== undefined);
  if (!Object.keys(parameters).length && !props.length) return undefined;
  return {
    'bom-ref': `${a.id}#model-card`,
    ...(Object.keys(parameters).length ? { modelParameters: parameters } : {}),
    ...(props.length ? { properties: props } : {}),
  };
}

export function bomComponent(a: ExportAsset) {
  const type = BOM_COMPONENT_TYPE[a.kind];
  if (!type) return undefined;
  const card = a.kind === 'model' ? modelCard(a) : undefined;
  const provider = str(a.properties.providerName);
  return {
    type,
    'bom-ref': a.id,
    name: a.name || a.id,
    ...(a.kind === 'model' && provider ? { supplier: { name: provider } } : {}),
    description: `${a.kind} (${a.nativeType})`,
    ...(card ? { modelCard: card } : {}),
    ...(type === 'data'
      ? { data: [{ type: DATA_TYPE[a.kind] ?? 'other', name: a.name || a.id, description: a.nativeType }] }
      : {}),
    externalReferences: externalReferences(a),
    properties: commonProperties(a),
  };
}

export function bomService(a: ExportAsset) {
  const url = str(a.properties.endpointUrl) ?? str(a.properties.url);
  return {
    'bom-ref': a.id,
    name: a.name || a.id,
    description: `${a.kind} (${a.nativeType})`,
    ...(url?.startsWith('https://') ? { endpoints: [url] } : {}),
    externalReferences: externalReferences(a),
    properties: commonProperties(a),
  };
}

const RATING: Record<string, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'info',
};

/** A finding as a CycloneDX vulnerability (the spec's section for security weaknesses of a component). */
export function bomVulnerability(f: ExportFinding) {
  const state =
    f.status === 'suppressed' ? 'exploitable' : ACTIVE_STATUSES.has(f.status) ? 'exploitable' : 'resolved';
  return {
    'bom-ref': `aispm-finding:${f.id}`,
    id: f.ruleId,
    source: { name: 'aispm' },
    ratings: [
      {
        source: { name: 'aispm' },
        score: f.riskScore,
        severity: RATING[f.severity] ?? 'unknown',
        method: 'other',
      },
    ],
    description: f.title,
    created: f.firstSeenAt,
    updated: f.lastSeenAt,
    analysis: {
      state,
      ...(f.status === 'suppressed'
        ? { response: ['will_not_fix'], detail: f.suppressReason ?? 'suppressed' }
        : {}),
      firstIssued: f.firstSeenAt,
      lastUpdated: f.lastSeenAt,
    },
    affects: [{ ref: f.assetId }],
    properties: [
      property('aispm:fingerprint', f.fingerprint),
      property('aispm:status', f.status),
      ...f.controls.map((c) => property('aispm:control', c)),
    ].filter((p) => p !== undefined),
  };
}

/** A deterministic serial number: the same estate gives the same BOM identity for the same generation time. */
function serialNumber(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface BomInput {
  /** Assets of BOM_KINDS; others are skipped. */
  assets: () => AsyncIterable<ExportAsset>;
  /** LINEAGE_EDGES between BOM assets, ordered by `from`. */
  edges: AsyncIterable<ExportEdge>;
  /** Findings on BOM assets (reported as vulnerabilities). */
  findings: AsyncIterable<ExportFinding>;
  generatedAt: Date;
  tenant?: string;
  tool?: ToolInfo;
}

/**
 * CycloneDX 1.6 ML-BOM of the AI inventory, streamed: models, data and applications as components,
 * inference endpoints as services, lineage as dependencies, findings as vulnerabilities.
 * `assets` is read twice (components, then services) so neither list is held in memory.
 */
export function cycloneDxBom(input: BomInput): AsyncGenerator<string> {
  const tool = input.tool ?? AISPM_TOOL;
  async function* components() {
    for await (const a of input.assets()) {
      const c = bomComponent(a);
      if (c) yield c;
    }
  }
  async function* services() {
    for await (const a of input.assets()) if (BOM_SERVICE_KINDS.includes(a.kind)) yield bomService(a);
  }
  async function* dependencies() {
    let current: { ref: string; dependsOn: Set<string> } | undefined;
    for await (const e of input.edges) {
      if (current && current.ref !== e.from) {
        yield { ref: current.ref, dependsOn: [...current.dependsOn] };
        current = undefined;
      }
      current ??= { ref: e.from, dependsOn: new Set() };
      current.dependsOn.add(e.to);
    }
    if (current) yield { ref: current.ref, dependsOn: [...current.dependsOn] };
  }
  async function* vulnerabilities() {
    for await (const f of input.findings) yield bomVulnerability(f);
  }
  return jsonDocument(
    {
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: serialNumber(`${input.tenant ?? ''}|${input.generatedAt.toISOString()}`),
      version: 1,
      metadata: {
        timestamp: input.generatedAt.toISOString(),
        lifecycles: [{ phase: 'operations' }],
        tools: { components: [{ type: 'application', name: tool.name, version: tool.version }] },
        component: {
          type: 'platform',
          'bom-ref': 'aispm:estate',
          name: input.tenant ? `AI estate of ${input.tenant}` : 'AI estate',
        },
      },
    },
    [
      { path: ['components'], items: components() },
      { path: ['services'], items: services() },
      { path: ['dependencies'], items: dependencies() },
      { path: ['vulnerabilities'], items: vulnerabilities() },
    ],
  );
}
