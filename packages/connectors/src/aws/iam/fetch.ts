import {
  type AccessKeyMetadata,
  type GetAccountAuthorizationDetailsCommandOutput,
  IAMClient,
  ListServiceSpecificCredentialsCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  type ServiceSpecificCredentialMetadata,
} from '@aws-sdk/client-iam';
import { collectPages, collectTokenPages, mapLimit } from '../../shared/paging.ts';
import type { AwsFetchEnv } from '../service.ts';

export type RawAuthorizationDetails = Pick<
  GetAccountAuthorizationDetailsCommandOutput,
  'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'
>;

export interface RawIam {
  details: RawAuthorizationDetails;
  accessKeys: Record<string, AccessKeyMetadata[]>;
  /** Bedrock API keys (service-specific credentials for bedrock.amazonaws.com) of every user. */
  bedrockApiKeys: ServiceSpecificCredentialMetadata[];
}

/** The service whose service-specific credentials are Bedrock API keys. */
export const BEDROCK_SERVICE = 'bedrock.amazonaws.com';

export async function fetchIam(env: AwsFetchEnv): Promise<RawIam> {
  const client = env.clients.get(IAMClient);
  const pages = await env.gaps.list(
    'GetAccountAuthorizationDetails',
    'iam:GetAccountAuthorizationDetails',
    () =>
      collectPages(
        paginateGetAccountAuthorizationDetails(
          { client },
          { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
        ),
        (p) => [p],
      ),
  );
  const details: RawAuthorizationDetails = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const p of pages) {
    details.UserDetailList?.push(...(p.UserDetailList ?? []));
    details.GroupDetailList?.push(...(p.GroupDetailList ?? []));
    details.RoleDetailList?.push(...(p.RoleDetailList ?? []));
    details.Policies?.push(...(p.Policies ?? []));
  }
  const accessKeys: Record<string, AccessKeyMetadata[]> = {};
  await mapLimit(details.UserDetailList ?? [], env.fanOut, async (u) => {
    if (!u.UserName) return;
    const userName = u.UserName;
    // Denied: the user is kept (it came from GetAccountAuthorizationDetails); its keys are not known.
    accessKeys[userName] =
      (await env.gaps.item('ListAccessKeys', u.Arn ?? '', () =>
        collectPages(paginateListAccessKeys({ client }, { UserName: userName }), (p) => p.AccessKeyMetadata),
      )) ?? [];
  });
  // One paged list for every user (AllUsers), not a call per user. Denied: no key is known, and the gap says so.
  const bedrockApiKeys = await env.gaps.list(
    'ListServiceSpecificCredentials',
    'iam:ListServiceSpecificCredentials',
    () =>
      collectTokenPages(async (Marker) => {
        const page = await client.send(
          new ListServiceSpecificCredentialsCommand({ AllUsers: true, ServiceName: BEDROCK_SERVICE, Marker }),
        );
        return { items: page.ServiceSpecificCredentials, next: page.IsTruncated ? page.Marker : undefined };
      }),
  );
  return { details, accessKeys, bedrockApiKeys };
}
