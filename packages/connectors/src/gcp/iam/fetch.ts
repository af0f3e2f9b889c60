import { mapLimit } from '../../shared/paging.ts';
import { serviceAccountAssetId } from '../asset.ts';
import { restGet, restList } from '../rest.ts';
import { type GcpFetchEnv, plain } from '../service.ts';

export type GcpJson = Record<string, unknown>;

export interface RawIam {
  serviceAccounts: { account: GcpJson; keys: GcpJson[] }[];
  policy: GcpJson;
}

export async function fetchIam(env: GcpFetchEnv): Promise<RawIam> {
  const base = env.factory.restBase('iam.googleapis.com');
  const accounts = await env.gaps.list('projects.serviceAccounts.list', 'iam.serviceAccounts.list', () =>
    restList<GcpJson>(
      env,
      `${base}/v1/projects/${encodeURIComponent(env.projectId)}/serviceAccounts`,
      'accounts',
    ),
  );
  const serviceAccounts = await mapLimit(accounts, env.fanOut, async (account) => {
    // Keys are unpaged; system-managed keys rotate automatically and are not credentials anyone holds.
    // Denied: the service account is kept; its keys are not known.
    const out = await env.gaps.item(
      'projects.serviceAccounts.keys.list',
      serviceAccountAssetId(env.projectId, String(account.email)),
      () =>
        restGet<{ keys?: GcpJson[] }>(env, `${base}/v1/${String(account.name)}/keys?keyTypes=USER_MANAGED`),
    );
    return { account, keys: (out?.keys ?? []).filter((k) => k.keyType === 'USER_MANAGED') };
  });
  const { ProjectsClient } = await import('@google-cloud/resource-manager');
  const crm = env.factory.gaxClient(
    ProjectsClient,
    env.factory.gaxOptions('cloudresourcemanager.googleapis.com'),
  );
  const [policy] = await env.call(() =>
    crm.getIamPolicy({ resource: `projects/${env.projectId}`, options: { requestedPolicyVersion: 3 } }),
  );
  return { serviceAccounts, policy: plain(policy) };
}
