import { externalPrincipalId } from '@aispm/core';
import { guid } from '../common.ts';
import { assignRole } from '../subscription.ts';
import type { AiAccount } from './ai-account.ts';
import type { Workload } from './index.ts';
import type { Search } from './search.ts';
import type { Storage } from './storage.ts';

/** Who may invoke and read: the workload identity, and sometimes a partner tenant's group. */
export function access(wl: Workload, ai: AiAccount, srch: Search, st: Storage): void {
  const { truth, foreignTenantId } = wl.sub.t;
  const { wrng, p, miPrincipal, miAsset } = wl;
  const { aiId, aiName, aiAsset } = ai;
  const { srchId, srchAsset } = srch;
  const { stId, stAsset } = st;
  assignRole(
    wl.sub,
    wrng.fork('ra-mi-openai'),
    aiId,
    'Cognitive Services OpenAI User',
    miPrincipal,
    'ServicePrincipal',
  );
  truth.edge('can-invoke', miAsset, aiAsset);
  assignRole(
    wl.sub,
    wrng.fork('ra-mi-search'),
    srchId,
    'Search Index Data Reader',
    miPrincipal,
    'ServicePrincipal',
  );
  truth.edge('can-read', miAsset, srchAsset);
  assignRole(
    wl.sub,
    wrng.fork('ra-mi-blob'),
    stId,
    'Storage Blob Data Reader',
    miPrincipal,
    'ServicePrincipal',
  );
  truth.edge('can-read', miAsset, stAsset);
  if (p.foreignInvoker) {
    const foreignGroup = guid(wrng.fork('foreign-group'));
    assignRole(
      wl.sub,
      wrng.fork('ra-foreign'),
      aiId,
      'Cognitive Services OpenAI User',
      foreignGroup,
      'ForeignGroup',
      `partner tenant ${foreignTenantId} support engineers`,
    );
    const ext = externalPrincipalId('azure', foreignGroup);
    truth.edge('can-invoke', ext, aiAsset);
    truth.risk(
      aiAsset,
      'endpoint-external-principal',
      `${aiName} grants Cognitive Services OpenAI User to foreign-tenant group ${foreignGroup}`,
    );
    truth.path(
      `azure-foreign-invoke-${aiName}`,
      [ext, aiAsset],
      aiAsset,
      'partner-tenant group can call the deployments',
    );
  }
}
