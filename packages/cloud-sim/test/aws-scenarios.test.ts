import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListPolicies,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudSim, parseAwsScenario, startCloudSim } from '../src/index.ts';
import { baseCredentials, clientConfig, collect, type StaticCredentials } from './aws-helpers.ts';

/** Session credentials for `roleName` in `accountId`, assumed with the simulator's printed credentials. */
async function assume(sim: CloudSim, accountId: string, roleName = sim.estate.aws.scanRoleName) {
  const out = await new STSClient(clientConfig(sim, baseCredentials(sim))).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: 'scenario',
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return error as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

/**
 * The organisation scenarios, through the official SDK clients: the printed credentials belong to a member
 * registered as delegated administrator, the last member has no scanner role, an SCP on the Dev OU denies AI
 * invocation to named principals. Each one is in the manifest.
 */
describe('AWS organisation scenarios (delegated administrator, missing scanner role, AI-deny SCP)', () => {
  let sim: CloudSim;
  let delegatedId: string;
  let managementId: string;

  beforeAll(async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 11,
      scale: 'small',
      port: 0,
      rateLimits: false,
      aws: { caller: 'delegated-admin', missingScannerRole: true, aiDenyScp: true },
    });
    managementId = sim.estate.aws.managementAccountId;
    delegatedId = sim.estate.aws.delegatedAdministrators?.[0] as string;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('prints credentials of the delegated-administrator member account, not of the management account', async () => {
    expect(sim.env.AWS_ACCESS_KEY_ID).toBe(sim.aws.accessKeyId);
    const me = await new STSClient(clientConfig(sim, baseCredentials(sim))).send(
      new GetCallerIdentityCommand({}),
    );
    expect(me.Account).toBe(delegatedId);
    expect(me.Account).not.toBe(managementId);
    expect(
      sim.estate.aws.accounts.some((a) => a.Id === delegatedId && a.parentId !== sim.estate.aws.rootId),
    ).toBe(true);
  });

  it('lets the delegated administrator read the organisation, and refuses other members', async () => {
    const org = new OrganizationsClient(clientConfig(sim, baseCredentials(sim)));
    const description = await org.send(new DescribeOrganizationCommand({}));
    expect(description.Organization?.MasterAccountId).toBe(managementId);
    const accounts = (await collect(paginateListAccounts({ client: org }, {}))).flatMap(
      (p) => p.Accounts ?? [],
    );
    expect(accounts.map((a) => a.Id).sort()).toEqual(sim.estate.aws.accounts.map((a) => a.Id).sort());
    const other = sim.estate.aws.accounts.find((a) => a.Id !== managementId && a.Id !== delegatedId);
    const otherCreds: StaticCredentials = await assume(sim, other?.Id as string);
    const denied = await rejection(
      new OrganizationsClient(clientConfig(sim, otherCreds)).send(new ListAccountsCommand({})),
    );
    expect(denied.name).toBe('AccessDeniedException');
  });

  it('has a scanner role in the management account that trusts the delegated administrator', async () => {
    const creds = await assume(sim, managementId);
    const who = await new STSClient(clientConfig(sim, creds)).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(managementId);
    const role = `arn:aws:iam::${managementId}:role/${sim.estate.aws.scanRoleName}`;
    expect(sim.manifest.assets.find((a) => a.id === role)?.accountId).toBe(managementId);
  });

  it('answers AssumeRole into the account without the scanner role with AccessDenied in STS’s form', async () => {
    const unreachable = sim.manifest.unreachableAccounts ?? [];
    expect(unreachable).toHaveLength(1);
    const lacking = unreachable[0]?.accountId as string;
    expect(sim.estate.aws.accounts.at(-1)?.Id).toBe(lacking);
    expect(lacking).not.toBe(delegatedId);
    const err = await rejection(assume(sim, lacking));
    expect(err.name).toBe('AccessDenied');
    expect(err.$fault).toBe('client');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.message).toContain('sts:AssumeRole');
    const role = `arn:aws:iam::${lacking}:role/${sim.estate.aws.scanRoleName}`;
    expect(sim.manifest.assets.some((a) => a.id === role)).toBe(false);
    // Every other member can be entered.
    for (const a of sim.estate.aws.accounts.filter((x) => x.Id !== lacking && x.Id !== delegatedId)) {
      const who = await new STSClient(clientConfig(sim, await assume(sim, a.Id))).send(
        new GetCallerIdentityCommand({}),
      );
      expect(who.Account).toBe(a.Id);
    }
  });

  it('attaches an SCP to the Dev OU that denies AI invocation to named principals, listed as forbidden edges', async () => {
    const org = new OrganizationsClient(clientConfig(sim, baseCredentials(sim)));
    const policies = (
      await collect(paginateListPolicies({ client: org }, { Filter: 'SERVICE_CONTROL_POLICY' }))
    ).flatMap((p) => p.Policies ?? []);
    const scp = policies.find((p) => p.Name === 'DenyAIInvocationForDevelopers');
    expect(scp?.AwsManaged).toBe(false);
    const targets = (
      await collect(paginateListTargetsForPolicy({ client: org }, { PolicyId: scp?.Id }))
    ).flatMap((t) => t.Targets ?? []);
    const devOu = sim.estate.aws.ous.find((o) => o.Name === 'Dev');
    expect(targets.map((t) => [t.TargetId, t.Type])).toEqual([[devOu?.Id, 'ORGANIZATIONAL_UNIT']]);
    const content = JSON.parse(
      (await org.send(new DescribePolicyCommand({ PolicyId: scp?.Id }))).Policy?.Content as string,
    );
    const statement = content.Statement[0];
    expect(statement.Effect).toBe('Deny');
    expect(statement.Action).toEqual(
      expect.arrayContaining(['bedrock:InvokeModel', 'sagemaker:InvokeEndpoint']),
    );
    const named: string[] = statement.Condition.ArnEquals['aws:PrincipalArn'];
    expect(named.length).toBeGreaterThan(0);
    // Every named principal lives in an account under the Dev OU (as ListParents says).
    for (const arn of named) {
      const account = arn.split(':')[4] as string;
      const parents = await org.send(new ListParentsCommand({ ChildId: account }));
      expect(parents.Parents?.[0]?.Id).toBe(devOu?.Id);
    }
    const forbidden = sim.manifest.forbiddenEdges ?? [];
    expect(forbidden.length).toBeGreaterThan(0);
    expect([...new Set(forbidden.map((e) => e.from))].sort()).toEqual([...named].sort());
    expect(forbidden.every((e) => e.kind === 'can-invoke' && e.to.includes(':foundation-model/'))).toBe(true);
    // A forbidden edge is never also a planted one.
    const planted = new Set(sim.manifest.edges.map((e) => `${e.kind} ${e.from} ${e.to}`));
    expect(forbidden.filter((e) => planted.has(`${e.kind} ${e.from} ${e.to}`))).toEqual([]);
  });

  it('leaves the default estate without these scenarios', async () => {
    const plain = await startCloudSim({
      providers: ['aws'],
      seed: 11,
      scale: 'small',
      port: 0,
      rateLimits: false,
    });
    try {
      expect(plain.manifest.forbiddenEdges).toBeUndefined();
      expect(plain.manifest.unreachableAccounts).toBeUndefined();
      const me = await new STSClient(clientConfig(plain, baseCredentials(plain))).send(
        new GetCallerIdentityCommand({}),
      );
      expect(me.Account).toBe(plain.estate.aws.managementAccountId);
      expect(plain.estate.aws.scps.some((p) => p.Name === 'DenyAIInvocationForDevelopers')).toBe(false);
    } finally {
      await plain.close();
    }
  });
});

describe('the CLI form of the AWS scenarios', () => {
  it('parses names and values, and refuses unknown ones', () => {
    expect(parseAwsScenario('caller=delegated-admin,missingScannerRole,aiDenyScp')).toEqual({
      caller: 'delegated-admin',
      missingScannerRole: true,
      aiDenyScp: true,
    });
    expect(parseAwsScenario(undefined)).toEqual({
      caller: 'management',
      missingScannerRole: false,
      aiDenyScp: false,
    });
    expect(() => parseAwsScenario('caller=root')).toThrow();
    expect(() => parseAwsScenario('noRole')).toThrow(/unknown AWS scenario "noRole"/);
  });
});
