/**
 * The AWS estate: an organization whose member accounts each run a few AI workloads, each workload built from
 * one of the templates in templates/ at a security level (hardened / sloppy / exposed). The generated model is
 * what the simulated AWS APIs serve; the truth is what a correct scan must find.
 */
import type { Rng } from '@aispm/core';
import type { AwsAccount, AwsEstate, S3Bucket } from '../../aws/model.ts';
import { type AwsScenario, AwsScenarioSchema, type ScaleParams } from '../../options.ts';
import { type ProviderTruth, TruthBuilder } from '../manifest.ts';
import { AccountBuilder, type Ctx } from './account.ts';
import { enforcedGuardrails, invocationLogging, memberBaseline, people } from './baseline.ts';
import {
  ACCOUNT_FLAVOURS,
  AWS_BASE_ACCESS_KEY_ID,
  AWS_BASE_SECRET,
  AWS_EXHAUSTIVE_EDGE_KINDS,
  AWS_REGIONS,
  AWS_SCAN_ROLE,
  allow,
  chars,
  doc,
  EPOCH,
  FOUNDATION_MODELS,
  LEVELS,
  type Level,
  LOWER_ALNUM,
  TEAMS,
  TEMPLATES,
  type Template,
} from './common.ts';
import { finishScenario, lacksScannerRole, scannerAccountOf } from './scenarios.ts';
import { plantAgentCorePolicyEngines } from './templates/planted-agentcore-policy.ts';
import { plantInjectionExfiltration } from './templates/planted-exfiltration.ts';
import { plantGuardrailPolicies } from './templates/planted-guardrail-policy.ts';
import { plantLineagePaths, plantWorldWritableKnowledgeBase } from './templates/planted-paths.ts';
import { WorkloadBuilder } from './workload.ts';

export type { AwsEstate } from '../../aws/model.ts';
export {
  AWS_BASE_ACCESS_KEY_ID,
  AWS_BASE_SECRET,
  AWS_EXHAUSTIVE_EDGE_KINDS,
  AWS_REGIONS,
  AWS_SCAN_ROLE,
} from './common.ts';

export function generateAwsEstate(
  rng: Rng,
  params: ScaleParams,
  scenario: AwsScenario = AwsScenarioSchema.parse({}),
): { state: AwsEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('aws');
  const newAccountId = accountIdAllocator();
  const { estate, ous } = organization(rng.fork('org'), newAccountId);
  const { managementAccountId, organizationId, rootId } = estate;
  const { prodOu, devOu, sandboxOu } = ous;
  const foreignRng = rng.fork('foreign');
  const ctx: Ctx = {
    estate,
    truth,
    foreignAccounts: [newAccountId(foreignRng), newAccountId(foreignRng), newAccountId(foreignRng)],
    pathCount: { n: 0 },
  };

  const accountArn = (id: string) =>
    `arn:aws:organizations::${managementAccountId}:account/${organizationId}/${id}`;
  const memberParents = [prodOu, devOu, sandboxOu, prodOu, devOu];
  for (let i = 0; i <= params.awsAccounts; i++) {
    const isManagement = i === 0;
    const acctRng = rng.fork(`account:${i}`);
    const id = isManagement ? managementAccountId : newAccountId(acctRng);
    const name = isManagement
      ? 'aispm-sim-management'
      : `${ACCOUNT_FLAVOURS[(i - 1) % ACCOUNT_FLAVOURS.length]}-${i}`;
    const account: AwsAccount = {
      Id: id,
      Arn: accountArn(id),
      Name: name,
      Email: `aws+${name}@aispm-sim.example`,
      Status: 'ACTIVE',
      JoinedMethod: isManagement ? 'CREATED' : acctRng.chance(0.8) ? 'CREATED' : 'INVITED',
      JoinedTimestamp: EPOCH - acctRng.int(400, 2000) * 86400,
      parentId: isManagement ? rootId : (memberParents[(i - 1) % memberParents.length] as string),
      iam: { roles: [], users: [], groups: [], policies: [] },
      buckets: [],
      regions: {},
    };
    estate.accounts.push(account);
    estate.scps[0]?.targetIds.push(id);
    truth.asset(account.Arn, 'account', 'AWS::Organizations::Account', id, 'global', name);
    const b = new AccountBuilder(ctx, account, acctRng);
    for (const r of AWS_REGIONS) {
      b.region(r);
      for (const m of FOUNDATION_MODELS) {
        truth.asset(
          `arn:aws:bedrock:${r}::foundation-model/${m.modelId}`,
          'model',
          'AWS::Bedrock::FoundationModel',
          'aws',
          r,
          m.modelName,
        );
      }
    }
    if (isManagement) {
      b.role(
        'OrgAuditor',
        doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' }),
        [],
        {
          managed: [{ name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' }],
        },
      );
    } else {
      memberBaseline(b, managementAccountId, {
        accountId: scannerAccountOf(estate, scenario),
        role: !lacksScannerRole(scenario, i, params.awsAccounts),
      });
      workloads(b, acctRng, i, params);
      people(b, acctRng);
      // Lineage attack paths (and a world-writable knowledge base) in every third account, after the rest so
      // the other workloads' names and randomness stay as they were.
      if (i % 3 === 1) plantLineagePaths(b, acctRng.fork('planted'), `lineage${i}`);
      if (i % 3 === 2) plantWorldWritableKnowledgeBase(b, acctRng.fork('planted'), `public${i}`);
      // The indirect-injection exfiltration pair and its one-half twin, last so nothing above changes.
      if (i % 3 === 1) plantInjectionExfiltration(b, acctRng.fork('planted-exfiltration'), `exfil${i}`);
      // A guardrail a partner outside the organisation may apply and read, beside its organisation-only twin.
      if (i % 3 === 2) plantGuardrailPolicies(b, acctRng.fork('planted-guardrail-policy'), `shared${i}`);
      // AgentCore gateways enforcing a permit-all policy engine, its tool-scoped twin and a LOG_ONLY one, last: in
      // the first member account only (three whole agent workloads; one set proves the rule, more only slow scans).
      if (i === 1) plantAgentCorePolicyEngines(b, acctRng.fork('planted-agentcore-policy'), `acpol${i}`);
    }
    for (const r of AWS_REGIONS) invocationLogging(b, r, i);
    for (const r of AWS_REGIONS) enforcedGuardrails(b, r, i, managementAccountId);
  }
  finishScenario(ctx, rng.fork('scenario'), scenario, { lastMember: params.awsAccounts, devOu });
  for (const account of estate.accounts) plantInsecureTransport(truth, account.buckets);

  return { state: estate, truth: truth.build([...AWS_EXHAUSTIVE_EDGE_KINDS]) };
}

/** Twelve-digit account ids, unique across the estate (members and the foreign accounts policies name). */
function accountIdAllocator(): (r: Rng) => string {
  const usedAccountIds = new Set<string>();
  return (r: Rng): string => {
    let id: string;
    do id = `${r.int(1, 9)}${r.digits(11)}`;
    while (usedAccountIds.has(id));
    usedAccountIds.add(id);
    return id;
  };
}

/** The organization: management account id, OUs and SCPs (accounts are added by the caller). */
function organization(
  orgRng: Rng,
  newAccountId: (r: Rng) => string,
): { estate: AwsEstate; ous: { prodOu: string; devOu: string; sandboxOu: string } } {
  const managementAccountId = newAccountId(orgRng);
  const organizationId = `o-${chars(orgRng, LOWER_ALNUM, 10)}`;
  const rootId = `r-${chars(orgRng, LOWER_ALNUM, 4)}`;
  const ouArn = (id: string) => `arn:aws:organizations::${managementAccountId}:ou/${organizationId}/${id}`;
  const ouId = () => `ou-${rootId.slice(2)}-${chars(orgRng, LOWER_ALNUM, 8)}`;
  const securityOu = ouId();
  const workloadsOu = ouId();
  const prodOu = ouId();
  const devOu = ouId();
  const sandboxOu = ouId();
  const estate: AwsEstate = {
    organizationId,
    managementAccountId,
    rootId,
    accessKeyId: AWS_BASE_ACCESS_KEY_ID,
    secretAccessKey: AWS_BASE_SECRET,
    scanRoleName: AWS_SCAN_ROLE,
    regions: [...AWS_REGIONS],
    ous: [
      { Id: securityOu, Arn: ouArn(securityOu), Name: 'Security', parentId: rootId },
      { Id: workloadsOu, Arn: ouArn(workloadsOu), Name: 'Workloads', parentId: rootId },
      { Id: prodOu, Arn: ouArn(prodOu), Name: 'Prod', parentId: workloadsOu },
      { Id: devOu, Arn: ouArn(devOu), Name: 'Dev', parentId: workloadsOu },
      { Id: sandboxOu, Arn: ouArn(sandboxOu), Name: 'Sandbox', parentId: rootId },
    ],
    scps: [],
    accounts: [],
    foundationModels: FOUNDATION_MODELS,
  };
  const scpId = () => `p-${chars(orgRng, LOWER_ALNUM, 8)}`;
  const scpArn = (id: string) =>
    `arn:aws:organizations::${managementAccountId}:policy/${organizationId}/service_control_policy/${id}`;
  const denyLeave = scpId();
  const regionLock = scpId();
  estate.scps.push(
    {
      Id: 'p-FullAWSAccess',
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      Name: 'FullAWSAccess',
      Description: 'Allows access to every operation',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: true,
      Content: doc(allow('*', '*')),
      // AWS attaches FullAWSAccess to the root, every OU and every account by default; an OU without an
      // allowing SCP would deny everything below it.
      targetIds: [rootId, securityOu, workloadsOu, prodOu, devOu, sandboxOu],
    },
    {
      Id: denyLeave,
      Arn: scpArn(denyLeave),
      Name: 'DenyLeaveOrganization',
      Description: 'Member accounts may not leave the organization',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
      Content: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
      targetIds: [rootId],
    },
    {
      Id: regionLock,
      Arn: scpArn(regionLock),
      Name: 'RestrictRegions',
      Description: 'AI workloads only in us-east-1 and eu-west-1',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
      Content: doc({
        Effect: 'Deny',
        NotAction: ['iam:*', 'organizations:*', 'sts:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...AWS_REGIONS] } },
      }),
      targetIds: [workloadsOu],
    },
  );

  return { estate, ous: { prodOu, devOu, sandboxOu } };
}

/** The AI workloads of one member account: templates and levels rotate so every risk appears early. */
function workloads(b: AccountBuilder, acctRng: Rng, i: number, params: ScaleParams): void {
  for (let w = 0; w < params.workloadsPerAccount; w++) {
    const g = (i - 1) * params.workloadsPerAccount + w;
    const template = TEMPLATES[g % TEMPLATES.length] as Template;
    const level = LEVELS[(g + Math.floor(g / TEMPLATES.length)) % LEVELS.length] as Level;
    const wRng = acctRng.fork(`workload:${w}`);
    const region = wRng.chance(0.65) ? 'us-east-1' : 'eu-west-1';
    const team = `${TEAMS[g % TEAMS.length]}${Math.floor(g / TEAMS.length) || ''}`;
    const wb = new WorkloadBuilder(b, wRng, region, level, team);
    wb.build(template);
  }
}

/** Every AI data bucket (all but the log buckets) whose final policy does not deny plain-HTTP requests. */
function plantInsecureTransport(truth: TruthBuilder, buckets: readonly S3Bucket[]): void {
  for (const bucket of buckets) {
    if (bucket.tags.some((t) => t.Key === 'purpose' && t.Value === 'logs')) continue;
    const tls = (bucket.policy?.Statement ?? []).some(
      (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    );
    if (!tls)
      truth.risk(
        `arn:aws:s3:::${bucket.Name}`,
        'data-store-insecure-transport',
        'Bucket policy does not deny requests without TLS (aws:SecureTransport)',
      );
  }
}
