import {
  type Db,
  type FindingFilter,
  type FindingSort,
  iterateExportAssets,
  iterateExportEdges,
  iterateExportFindings,
  iterateFindingIds,
  latestEvaluation,
  queryFindings,
} from '@aispm/db';
import {
  ACTIVE_STATUSES,
  AISPM_TOOL,
  BOM_KINDS,
  type ControlVerdict,
  cycloneDxBom,
  type FrameworkInfo as ExportFramework,
  type ExportRule,
  findingsCsv,
  jsonArray,
  LINEAGE_EDGES,
  type OscalControlResult,
  ocsfJsonLines,
  oscalAssessmentResults,
  oscalCatalog,
  sarifLog,
} from '@aispm/exports';
import { controlStatus } from '@aispm/policy';
import { erroredRules, frameworkOf, frameworkRules } from './compliance.ts';
import type { FrameworkInfo, RuleCatalog, RuleInfo } from './services.ts';

export const EXPORT_FORMATS = ['sarif', 'ocsf', 'cyclonedx', 'oscal', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** OSCAL assessment results are per framework; this one when none is named. */
export const DEFAULT_OSCAL_FRAMEWORK = 'owasp-llm-2025';

export interface ExportRequest {
  format: ExportFormat;
  /** Restricts findings to the rules of a framework; the framework of OSCAL results. */
  framework?: string;
  filter: FindingFilter & { sort: FindingSort };
}

export interface ExportStream {
  contentType: string;
  filename: string;
  body: AsyncIterable<string>;
}

/** What the formats that report problems (not a full history) include when no status is asked for. */
const CURRENT = ['open', 'reopened', 'suppressed'];

function exportRule(r: RuleInfo): ExportRule {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity ?? 'medium',
    rationale: r.rationale ?? r.title,
    remediation: Object.fromEntries(
      Object.entries(r.remediation ?? {}).flatMap(([provider, steps]) =>
        steps
          ? [
              [
                provider,
                {
                  console: steps.console ?? [],
                  ...(steps.cli ? { cli: steps.cli } : {}),
                  ...(steps.terraform ? { terraform: steps.terraform } : {}),
                },
              ],
            ]
          : [],
      ),
    ),
    references: r.references ?? [],
    frameworks: r.mappings ?? {},
  };
}

function exportFramework(fw: FrameworkInfo): ExportFramework {
  return {
    id: fw.id,
    title: fw.title,
    version: fw.version ?? 'unversioned',
    controls: fw.controls.map((c) => ({
      id: c.id,
      title: c.title,
      ...(c.rules.length === 0 ? { notEvidenceable: c.reason ?? 'no rule maps to this control' } : {}),
    })),
  };
}

/**
 * One export as a stream of text chunks, read page by page from the database: the REST routes and
 * `aispm export` both write what this returns, so they give the same bytes.
 */
export function exportStream(
  db: Db,
  tenantId: string,
  rules: RuleCatalog,
  request: ExportRequest,
  at?: Date,
): ExportStream {
  const framework = request.framework ? frameworkOf(rules, request.framework) : undefined;
  const filter: FindingFilter & { sort: FindingSort } = {
    ...request.filter,
    ...(framework ? { frameworkRules: frameworkRules(framework) } : {}),
  };
  const current = { ...filter, status: filter.status ?? CURRENT };
  const ruleInfo = (id: string) => {
    const r = rules.rule(id);
    return r ? exportRule(r) : undefined;
  };
  switch (request.format) {
    case 'csv':
      return {
        contentType: 'text/csv; charset=utf-8',
        filename: 'findings.csv',
        body: findingsCsv(iterateExportFindings(db, tenantId, filter)),
      };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        filename: 'findings.json',
        body: jsonArray(iterateExportFindings(db, tenantId, filter)),
      };
    case 'sarif':
      return {
        contentType: 'application/sarif+json; charset=utf-8',
        filename: 'findings.sarif',
        body: sarifLog({
          rules: (rules.rules?.() ?? []).map(exportRule),
          findings: iterateExportFindings(db, tenantId, current),
        }),
      };
    case 'ocsf':
      return {
        contentType: 'application/x-ndjson; charset=utf-8',
        filename: 'findings.ocsf.jsonl',
        body: ocsfJsonLines({
          findings: iterateExportFindings(db, tenantId, filter),
          rule: ruleInfo,
          frameworks: rules.frameworks(),
          ...(framework ? { framework: framework.id } : {}),
          tenant: tenantId,
        }),
      };
    case 'cyclonedx': {
      const scope = {
        ...(filter.provider ? { provider: filter.provider } : {}),
        ...(filter.accountId ? { accountId: filter.accountId } : {}),
      };
      return {
        contentType: 'application/vnd.cyclonedx+json; version=1.6; charset=utf-8',
        filename: 'aibom.cdx.json',
        body: (async function* () {
          yield* cycloneDxBom({
            assets: () => iterateExportAssets(db, tenantId, { kinds: BOM_KINDS, ...scope }),
            edges: iterateExportEdges(db, tenantId, {
              edgeKinds: LINEAGE_EDGES,
              assetKinds: BOM_KINDS,
              ...scope,
            }),
            findings: onBomAssets(iterateExportFindings(db, tenantId, current)),
            generatedAt: at ?? (await asOf(db, tenantId)),
            tenant: tenantId,
          });
        })(),
      };
    }
    case 'oscal': {
      const fw = framework ?? frameworkOf(rules, DEFAULT_OSCAL_FRAMEWORK);
      const scoped = { ...current, frameworkRules: frameworkRules(fw) };
      return {
        contentType: 'application/json; charset=utf-8',
        filename: `assessment-results.${fw.id}.oscal.json`,
        body: oscalStream(db, tenantId, fw, scoped, at),
      };
    }
  }
}

/**
 * The documents describe the estate as of the latest evaluation, and say so: the same state exports to the
 * same bytes (a dashboard download and an API call agree; re-exports diff cleanly).
 */
async function asOf(db: Db, tenantId: string): Promise<Date> {
  const evaluation = await latestEvaluation(db, tenantId);
  return evaluation?.finishedAt ? new Date(evaluation.finishedAt) : new Date();
}

async function* onBomAssets<T extends { assetKind: string | null }>(findings: AsyncIterable<T>) {
  const kinds = new Set<string>(BOM_KINDS);
  for await (const f of findings) if (f.assetKind && kinds.has(f.assetKind)) yield f;
}

/**
 * A control is not satisfied while an active finding (within the filters) of a rule mapped to it exists,
 * satisfied once an evaluation ran and none does, and not evaluated when no rule evidences it or nothing ran.
 */
async function* oscalStream(
  db: Db,
  tenantId: string,
  fw: FrameworkInfo,
  filter: FindingFilter & { sort: FindingSort },
  at: Date | undefined,
): AsyncGenerator<string> {
  const evaluation = await latestEvaluation(db, tenantId);
  const now = at ?? (evaluation?.finishedAt ? new Date(evaluation.finishedAt) : new Date());
  const active = (filter.status ?? []).filter((s) => ACTIVE_STATUSES.has(s));
  const errored = evaluation ? erroredRules(evaluation.summary) : new Set<string>();
  const controls: OscalControlResult[] = [];
  for (const c of fw.controls) {
    const scoped = { ...filter, status: active, frameworkRules: c.rules };
    // Active findings within the filters; none can exist when only suppressed/resolved ones were asked for.
    const failing =
      evaluation && c.rules.length && active.length
        ? (await queryFindings(db, tenantId, { ...scoped, limit: 1 })).items.length
        : 0;
    // The policy engine's one compliance function decides; OSCAL has only satisfied / not-satisfied.
    const status = controlStatus({
      rules: c.rules.length,
      evaluated: evaluation !== null,
      notEvaluated: c.rules.filter((r) => errored.has(r)).length,
      fail: failing,
      pass: c.rules.length,
    });
    const verdict: ControlVerdict =
      status === 'fail'
        ? 'not-satisfied'
        : status === 'pass' || status === 'no-data'
          ? 'satisfied'
          : 'not-evaluated';
    const reason =
      status === 'not-evidenceable'
        ? (c.reason ?? 'no rule evidences this control')
        : status === 'not-evaluated'
          ? evaluation
            ? 'a mapped rule could not be evaluated'
            : 'no evaluation has run'
          : undefined;
    controls.push({
      id: c.id,
      title: c.title,
      verdict,
      ...(reason ? { reason } : {}),
      observationIds: () => (verdict === 'not-satisfied' ? iterateFindingIds(db, tenantId, scoped) : none()),
    });
  }
  yield* oscalAssessmentResults({
    framework: exportFramework(fw),
    evaluation: evaluation
      ? { id: evaluation.id, startedAt: evaluation.startedAt, finishedAt: evaluation.finishedAt }
      : null,
    findings: iterateExportFindings(db, tenantId, filter),
    controls,
    generatedAt: now,
    catalogHref: `/api/v1/exports/oscal-catalogs/${fw.id}`,
    tool: AISPM_TOOL,
  });
}

async function* none(): AsyncGenerator<string> {}

/** A framework of the catalog as an OSCAL catalog document. */
export function oscalCatalogJson(rules: RuleCatalog, id: string, now: Date = new Date()): string {
  return `${JSON.stringify(oscalCatalog(exportFramework(frameworkOf(rules, id)), now))}\n`;
}
