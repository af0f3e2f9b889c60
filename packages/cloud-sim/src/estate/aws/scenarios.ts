/**
 * Organisation scenarios real AWS estates have and the tidy default does not (see AwsScenarioSchema): the
 * scanner running from a delegated-administrator member account, a member without the scanner role, an SCP that
 * takes AI invocation away from named principals. Each writes its consequence into the truth.
 */
import type { Rng } from '@aispm/core';
import type { AwsAccount, AwsEstate } from '../../aws/model.ts';
import type { AwsScenario } from '../../options.ts';
import type { TruthBuilder } from '../manifest.ts';
import { AccountBuilder, type Ctx } from './account.ts';
import { scannerRole } from './baseline.ts';
import { AWS_REGIONS, AWS_SCAN_ROLE, chars, doc, FOUNDATION_MODELS, LOWER_ALNUM } from './common.ts';

/** Printed instead of the management account's key when the caller is the delegated administrator. */
export const AWS_DELEGATED_ADMIN_ACCESS_KEY_ID = 'AKIAAISPMDELEGATED01';

/** Printed when the caller is a member account that is not a delegated administrator. */
export const AWS_MEMBER_ACCESS_KEY_ID = 'AKIAAISPMMEMBERACCT1';

/** Index (in the account loop) of the member registered as delegated administrator. */
export const DELEGATED_ADMIN_INDEX = 1;

/** AI invocation actions the AI-deny SCP takes away. */
export const AI_INVOKE_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:InvokeAgent',
  'sagemaker:InvokeEndpoint',
] as const;

/** Who the scanner runs as while the accounts are generated (member trust policies name that account). */
export function scannerAccountOf(estate: AwsEstate, scenario: AwsScenario): string {
  const delegated = estate.accounts[DELEGATED_ADMIN_INDEX];
  return scenario.caller === 'delegated-admin' && delegated ? delegated.Id : estate.managementAccountId;
}

/** Whether the account at loop index `i` (of `last` members) is left without the scanner role. */
export function lacksScannerRole(scenario: AwsScenario, i: number, last: number): boolean {
  return scenario.missingScannerRole && i === last && i > 0 && i !== delegatedIndex(scenario);
}

function delegatedIndex(scenario: AwsScenario): number {
  return scenario.caller === 'delegated-admin' ? DELEGATED_ADMIN_INDEX : 0;
}

/** Applies what the scenario changes once every account exists. */
export function finishScenario(
  ctx: Ctx,
  rng: Rng,
  scenario: AwsScenario,
  opts: { lastMember: number; devOu: string },
): void {
  const { estate, truth } = ctx;
  const delegated = estate.accounts[DELEGATED_ADMIN_INDEX];
  if ((scenario.caller === 'member' || scenario.caller === 'standalone') && delegated) {
    // `member`: the same member, not registered: it may not read the organisation, so it can only scan itself.
    // `standalone`: that account with Organizations not in use (an account of no organisation).
    estate.callerAccountId = delegated.Id;
    estate.accessKeyId = AWS_MEMBER_ACCESS_KEY_ID;
    estate.standalone = scenario.caller === 'standalone';
  }
  if (scenario.caller === 'delegated-admin' && delegated) {
    estate.callerAccountId = delegated.Id;
    estate.delegatedAdministrators = [delegated.Id];
    estate.accessKeyId = AWS_DELEGATED_ADMIN_ACCESS_KEY_ID;
    // The management account is scanned like any other: through a scanner role that trusts the scanner's account.
    const management = estate.accounts[0] as AwsAccount;
    scannerRole(new AccountBuilder(ctx, management, rng.fork('management-scanner-role')), delegated.Id);
  }
  if (scenario.missingScannerRole) {
    const lacking = estate.accounts[opts.lastMember];
    if (lacking && lacksScannerRole(scenario, opts.lastMember, opts.lastMember)) {
      truth.unreachableAccount(
        lacking.Id,
        `no ${AWS_SCAN_ROLE} role: sts:AssumeRole into arn:aws:iam::${lacking.Id}:role/${AWS_SCAN_ROLE} is denied`,
      );
    }
  }
  if (scenario.aiDenyScp) aiDenyScp(estate, truth, rng.fork('ai-deny-scp'), opts.devOu);
}

/**
 * An SCP on the Dev OU that denies AI invocation to the ML developers of its accounts (named by ARN): their
 * group grants Bedrock foundation-model invocation, the SCP takes it away, so no can-invoke edge may remain.
 */
function aiDenyScp(estate: AwsEstate, truth: TruthBuilder, rng: Rng, devOu: string): void {
  const devAccounts = estate.accounts.filter((a) => a.parentId === devOu);
  const named = devAccounts.flatMap((a) =>
    a.iam.users.filter((u) => u.UserName.startsWith('ml-dev-')).map((u) => u.Arn),
  );
  if (named.length === 0) return;
  const id = `p-${chars(rng, LOWER_ALNUM, 8)}`;
  estate.scps.push({
    Id: id,
    Arn: `arn:aws:organizations::${estate.managementAccountId}:policy/${estate.organizationId}/service_control_policy/${id}`,
    Name: 'DenyAIInvocationForDevelopers',
    Description: 'ML developers in Dev accounts may not invoke models, agents or endpoints',
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: false,
    Content: doc({
      Effect: 'Deny',
      Action: [...AI_INVOKE_ACTIONS],
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': named } },
    }),
    targetIds: [devOu],
  });
  for (const principal of named)
    for (const r of AWS_REGIONS)
      for (const m of FOUNDATION_MODELS)
        truth.forbiddenEdge(
          'can-invoke',
          principal,
          `arn:aws:bedrock:${r}::foundation-model/${m.modelId}`,
          'denied by the DenyAIInvocationForDevelopers SCP on the Dev OU',
        );
}
