import { createHash } from 'node:crypto';
import { jsonDocument, RawJson } from './json.ts';
import { AISPM_TOOL, type ExportFinding, type FrameworkInfo, type ToolInfo } from './types.ts';

export const OSCAL_VERSION = '1.1.3';
const NS = 'https://aispm.dev/ns/oscal';

/** A name-based (v5-style) UUID, so the same object always gets the same OSCAL uuid. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * OSCAL control ids are tokens (`LLM01:2025` is not: no colon), so aispm ids are mapped to lower-case tokens;
 * the original id stays the control's `label`.
 */
export function oscalControlId(id: string): string {
  const token = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/^[^a-z_]/, (c) => `_${c}`);
  return token;
}

/** OSCAL strings must not start or end with white space, nor be empty. */
function text(s: string): string {
  const t = s.trim();
  return t.length ? t : '(none)';
}

function metadata(title: string, at: string, tool: ToolInfo, version: string) {
  return {
    title: text(title),
    'last-modified': at,
    version: text(version),
    'oscal-version': OSCAL_VERSION,
    props: [{ name: 'generator', ns: NS, value: `${tool.name} ${tool.version}` }],
  };
}

/** An aispm framework as an OSCAL catalog, so assessment results reference resolvable control ids. */
export function oscalCatalog(fw: FrameworkInfo, generatedAt: Date, tool: ToolInfo = AISPM_TOOL) {
  return {
    catalog: {
      uuid: stableUuid('catalog', fw.id, fw.version),
      metadata: metadata(fw.title, generatedAt.toISOString(), tool, fw.version),
      controls: fw.controls.map((c) => ({
        id: oscalControlId(c.id),
        class: 'aispm-control',
        title: text(c.title),
        props: [
          { name: 'label', value: text(c.id) },
          ...(c.notEvidenceable
            ? [{ name: 'evidenceable', ns: NS, value: 'no', remarks: text(c.notEvidenceable) }]
            : []),
        ],
      })),
      ...(fw.source
        ? {
            'back-matter': {
              resources: [
                {
                  uuid: stableUuid('source', fw.id),
                  title: text(`${fw.title} (source)`),
                  rlinks: [{ href: fw.source }],
                },
              ],
            },
          }
        : {}),
    },
  };
}

/** satisfied / not satisfied / not evaluated, from the compliance posture of a control. */
export type ControlVerdict = 'satisfied' | 'not-satisfied' | 'not-evaluated';

export interface OscalControlResult {
  id: string;
  title: string;
  verdict: ControlVerdict;
  /** Why it is not evaluated (no rule can evidence it, or no evaluation ran). */
  reason?: string;
  /** The ids of the findings (observations) against this control, streamed. */
  observationIds: () => AsyncIterable<string>;
}

export interface AssessmentInput {
  framework: FrameworkInfo;
  /** The evaluation the result stands for. */
  evaluation: { id: string; startedAt: string; finishedAt: string | null } | null;
  /** One observation per finding (its evidence), streamed. */
  findings: AsyncIterable<ExportFinding>;
  controls: readonly OscalControlResult[];
  generatedAt: Date;
  /** Where the framework's OSCAL catalog is served (a relative URL is fine). */
  catalogHref: string;
  tool?: ToolInfo;
}

const prop = (name: string, value: string | null | undefined) =>
  value?.trim() ? [{ name, ns: NS, value: value.trim() }] : [];

export function observation(f: ExportFinding) {
  return {
    uuid: stableUuid('observation', f.id),
    title: text(f.title),
    description: text(`${f.ruleId} on ${f.assetId}: ${f.title} (${f.status})`),
    props: [
      ...prop('rule-id', f.ruleId),
      ...prop('finding-fingerprint', f.fingerprint),
      ...prop('finding-status', f.status),
      ...prop('severity', f.severity),
      ...prop('risk-score', String(f.riskScore)),
    ],
    methods: ['TEST'],
    types: ['finding'],
    subjects: [
      {
        'subject-uuid': stableUuid('asset', f.assetId),
        type: 'resource',
        title: text(f.assetName ?? f.assetId),
        props: [
          ...prop('resource-id', f.assetId),
          ...prop('provider', f.provider),
          ...prop('account-id', f.accountId),
          ...prop('region', f.region),
        ],
      },
    ],
    'relevant-evidence': [
      {
        description: text(`evidence: ${JSON.stringify(f.evidence)}`),
      },
    ],
    collected: f.lastSeenAt,
    ...(f.status === 'suppressed' && f.suppressReason
      ? { remarks: text(`suppressed: ${f.suppressReason}`) }
      : {}),
  };
}

async function* relatedObservations(ids: AsyncIterable<string>) {
  for await (const id of ids) yield { 'observation-uuid': stableUuid('observation', id) };
}

function findingHead(fw: FrameworkInfo, c: OscalControlResult, evaluationId: string) {
  return {
    uuid: stableUuid('finding', fw.id, c.id, evaluationId),
    title: text(`${c.id} ${c.title}`),
    description: text(
      c.verdict === 'not-evaluated'
        ? `${c.id} was not evaluated: ${c.reason ?? 'no evidence'}`
        : `${c.id} is ${c.verdict === 'satisfied' ? 'satisfied' : 'not satisfied'} by the posture evaluation`,
    ),
    props: [{ name: 'control-status', ns: NS, value: c.verdict }],
    target: {
      type: 'objective-id',
      'target-id': oscalControlId(c.id),
      // OSCAL has two states; "not evaluated" is not-satisfied with reason `other`, never satisfied.
      status: {
        state: c.verdict === 'satisfied' ? 'satisfied' : 'not-satisfied',
        reason: c.verdict === 'satisfied' ? 'pass' : c.verdict === 'not-satisfied' ? 'fail' : 'other',
      },
    },
  };
}

/**
 * OSCAL 1.1.3 assessment-results for one framework: one result for the evaluation, every control reviewed,
 * an observation per finding and a finding per control with its status. Streamed: the per-control findings
 * list their observations from `observationIds`, read one at a time.
 */
export async function* oscalAssessmentResults(input: AssessmentInput): AsyncGenerator<string> {
  const tool = input.tool ?? AISPM_TOOL;
  const fw = input.framework;
  const at = input.generatedAt.toISOString();
  const evaluationId = input.evaluation?.id ?? 'none';
  const head = {
    'assessment-results': {
      uuid: stableUuid('assessment-results', fw.id, evaluationId, at),
      metadata: metadata(`aispm assessment results: ${fw.title}`, at, tool, tool.version),
      'import-ap': { href: `#${stableUuid('assessment-plan', fw.id)}` },
      results: [
        {
          uuid: stableUuid('result', fw.id, evaluationId),
          title: text(`Posture evaluation against ${fw.title}`),
          description: text(
            input.evaluation
              ? `aispm evaluation ${input.evaluation.id} of the cloud AI estate against ${fw.title} ${fw.version}`
              : `No evaluation has run: every control of ${fw.title} is not evaluated`,
          ),
          start: input.evaluation?.startedAt ?? at,
          ...(input.evaluation?.finishedAt ? { end: input.evaluation.finishedAt } : {}),
          'reviewed-controls': {
            'control-selections': [
              { 'include-controls': fw.controls.map((c) => ({ 'control-id': oscalControlId(c.id) })) },
            ],
          },
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: stableUuid('assessment-plan', fw.id),
            title: text(`${fw.title} as an OSCAL catalog (aispm)`),
            rlinks: [{ href: input.catalogHref, 'media-type': 'application/oscal.catalog+json' }],
          },
        ],
      },
    },
  };
  async function* findings() {
    for (const c of input.controls) {
      // Each control's finding is a nested streamed document: its list of observations may be long.
      yield new RawJson(
        jsonDocument(
          findingHead(fw, c, evaluationId),
          [
            {
              path: ['related-observations'],
              items: relatedObservations(c.observationIds()),
              omitIfEmpty: true,
            },
          ],
          '',
        ),
      );
    }
  }
  async function* observations() {
    for await (const f of input.findings) yield observation(f);
  }
  yield* jsonDocument(head, [
    {
      path: ['assessment-results', 'results', '0', 'observations'],
      items: observations(),
      omitIfEmpty: true,
    },
    { path: ['assessment-results', 'results', '0', 'findings'], items: findings(), omitIfEmpty: true },
  ]);
}
