import {
  type AssetRecord,
  type EdgeRecord,
  edge,
  type FactsOf,
  type UnknownFact,
  unknownFact,
} from '@aispm/core';
import type { Policy } from '@aws-sdk/client-bedrock-agentcore-control';
import { awsAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import { type CedarReading, readCedar } from './cedar.ts';
import type { RawGateway } from './fetch.ts';
import type { RawPolicyEngines } from './fetch-policy.ts';

/** Longest Cedar statement kept as evidence on the engine (policies can be long; the verdict is the point). */
const STATEMENT_LIMIT = 4000;

/**
 * Whether a policy takes part in the engine's decisions: LOG_ONLY policies are evaluated but only observed, and a
 * policy still being created (or that failed to be) is not in the policy set yet. Any other status — including
 * one this code does not know — counts, so nothing permissive is missed.
 */
function inEffect(p: Policy): boolean {
  return p.enforcementMode !== 'LOG_ONLY' && p.status !== 'CREATING' && p.status !== 'CREATE_FAILED';
}

/**
 * The Cedar of a policy: `cedar.statement`, or a Dogwood `policy.statement` (Cedar-compatible; a temporal block in
 * it does not parse, and so stays unknown). A generated-policy reference carries no statement to read.
 */
function reading(p: Policy): CedarReading {
  const d = p.definition as { cedar?: { statement?: unknown }; policy?: { statement?: unknown } } | undefined;
  if (d?.cedar) return readCedar(d.cedar.statement);
  if (d?.policy) return readCedar(d.policy.statement);
  return { verdict: 'unknown', reason: 'a definition with no Cedar statement' };
}

/**
 * What an engine's policies permit: true when one in effect is the unconditional permit-all (whatever else the
 * engine holds: only forbids could narrow it), false when every policy in effect was read and none is, unknown
 * when one in effect could not be read.
 */
export function permitsAll(policies: readonly Policy[]): boolean | UnknownFact {
  const readings = policies.filter(inEffect).map((p) => ({ p, r: reading(p) }));
  if (readings.some(({ r }) => r.verdict === 'permit-all')) return true;
  const unread = readings.find(({ r }) => r.verdict === 'unknown');
  if (!unread) return false;
  const why = unread.r.verdict === 'unknown' ? unread.r.reason : '';
  return unknownFact(
    `policy ${unread.p.name ?? unread.p.policyId ?? '?'} could not be read as Cedar (${why})`,
  );
}

function policySummary(p: Policy) {
  const r = reading(p);
  const d = p.definition as { cedar?: { statement?: unknown }; policy?: { statement?: unknown } } | undefined;
  const statement = d?.cedar?.statement ?? d?.policy?.statement;
  return {
    policyId: p.policyId,
    name: p.name,
    status: p.status,
    enforcementMode: p.enforcementMode ?? 'ACTIVE',
    reading: r.verdict === 'scoped' ? r.effect : r.verdict,
    statement: typeof statement === 'string' ? statement.slice(0, STATEMENT_LIMIT) : undefined,
  };
}

/** Why the engine a gateway names could not be judged, when it was not read. */
function engineUnread(raw: RawPolicyEngines | undefined): UnknownFact {
  return raw?.listed
    ? unknownFact('the policy engine the gateway names was not among those ListPolicyEngines returned')
    : unknownFact('bedrock-agentcore:ListPolicyEngines could not be read');
}

/**
 * The gateway fact `policyEnginePermitsAll`, by gateway ARN, for every gateway whose GetGateway names an engine:
 * the engine's verdict, or unknown when the engine or its policies were not read (a gap, never "permits nothing").
 */
export function gatewayPolicyFacts(
  raw: RawPolicyEngines | undefined,
  gateways: readonly RawGateway[],
): Map<string, Pick<FactsOf<'agent-gateway'>, 'policyEnginePermitsAll'>> {
  const out = new Map<string, Pick<FactsOf<'agent-gateway'>, 'policyEnginePermitsAll'>>();
  const byArn = new Map((raw?.engines ?? []).map((e) => [e.engine.policyEngineArn, e]));
  for (const { gateway: g, partial } of gateways) {
    const engineArn = g.policyEngineConfiguration?.arn;
    if (partial || !g.gatewayArn || !engineArn) continue;
    const engine = byArn.get(engineArn);
    const value = !engine
      ? engineUnread(raw)
      : engine.policies
        ? permitsAll(engine.policies)
        : unknownFact('its policies could not be read (bedrock-agentcore:ListPolicies)');
    out.set(g.gatewayArn, { policyEnginePermitsAll: value });
  }
  return out;
}

/**
 * Policy engines as `guardrail` assets (they decide each tool call of the gateways using them, as a guardrail
 * screens model traffic), with `guarded-by` gateway → engine carrying the gateway's mode (ENFORCE or LOG_ONLY).
 * Without its policies (ListPolicies denied) the engine is kept and its policy facts are left to the read's gap.
 */
export function normalizePolicyEngines(
  raw: RawPolicyEngines | undefined,
  gateways: readonly RawGateway[],
  scope: NormalizeScope,
  out: { assets: AssetRecord[]; edges: EdgeRecord[] },
): void {
  const attached = new Map<string, { gatewayArn: string; mode: string | undefined }[]>();
  for (const { gateway: g } of gateways) {
    const config = g.policyEngineConfiguration;
    if (!g.gatewayArn || !config?.arn) continue;
    out.edges.push(edge('guarded-by', g.gatewayArn, config.arn, { mode: config.mode }));
    attached.set(config.arn, [
      ...(attached.get(config.arn) ?? []),
      { gatewayArn: g.gatewayArn, mode: config.mode },
    ]);
  }
  for (const { engine: e, policies } of raw?.engines ?? []) {
    const arn = e.policyEngineArn;
    if (!arn) continue;
    out.assets.push(
      awsAsset({
        id: arn,
        kind: 'guardrail',
        accountId: scope.accountId,
        region: scope.region,
        name: e.name ?? e.policyEngineId ?? arn,
        nativeType: 'AWS::BedrockAgentCore::PolicyEngine',
        properties: {
          policyEngineId: e.policyEngineId,
          status: e.status,
          statusReasons: e.statusReasons,
          description: e.description,
          encryptionKeyArn: e.encryptionKeyArn,
          gateways: attached.get(arn) ?? [],
          policies: policies?.map(policySummary),
        },
        facts: {
          // A Cedar engine screens no prompt text: the content-filter facts derived for guardrails do not apply.
          promptAttackFilter: undefined,
          sensitiveInformationFilter: undefined,
          contextualGrounding: undefined,
          ...(policies
            ? { policyCount: policies.length, permitsAllUnconditionally: permitsAll(policies) }
            : {}),
        },
      }),
    );
    if (e.encryptionKeyArn) out.edges.push(edge('encrypted-by', arn, e.encryptionKeyArn));
  }
}
