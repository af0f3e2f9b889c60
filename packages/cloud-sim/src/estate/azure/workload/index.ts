import type { Rng } from '@aispm/core';
import { APPS, guid, id, profileFor, type WorkloadProfile } from '../common.ts';
import type { Subscription } from '../subscription.ts';
import { access } from './access.ts';
import { aiAccount } from './ai-account.ts';
import { defenderForAi, foundry } from './foundry.ts';
import { mlWorkspace } from './ml-workspace.ts';
import { search } from './search.ts';
import { storage } from './storage.ts';

/**
 * One AI application workload of a subscription: a resource group with a managed identity, storage for
 * training / RAG documents, AI Search as the vector store, an Azure OpenAI / AI Services account with content
 * filters and deployments, role assignments, and sometimes an Azure ML workspace. The profile (common.ts)
 * decides which settings are planted weaknesses.
 */
export interface Workload {
  sub: Subscription;
  w: number;
  wrng: Rng;
  p: WorkloadProfile;
  app: string;
  suffix: string;
  rgId: string;
  tags: Record<string, string>;
  miId: string;
  miPrincipal: string;
  miClient: string;
  miAsset: string;
  userAssigned: Record<string, unknown>;
}

export function buildWorkload(sub: Subscription, w: number, workloadIndex: number): void {
  const wl = workloadBase(sub, w, workloadIndex);
  const st = storage(wl);
  const srch = search(wl, st.containers);
  const ai = aiAccount(wl, srch.srchAsset);
  access(wl, ai, srch, st);
  defenderForAi(wl, ai);
  if (ai.foundry) foundry(wl, ai, srch, st);
  if (wl.p.mlWorkspace) mlWorkspace(wl, st);
}

/** The workload's resource group and the managed identity it runs as. */
function workloadBase(sub: Subscription, w: number, workloadIndex: number): Workload {
  const { truth, add, tenantId } = sub.t;
  const { s, srng, subscriptionId, subId, env, subAsset, location } = sub;
  const wrng = srng.fork(`workload-${w}`);
  const p = profileFor(workloadIndex, wrng.fork('profile'));
  const app = `${APPS[(s * 3 + w) % APPS.length]}${w >= APPS.length ? w : ''}`;
  const suffix = wrng.hex(4);
  const rgName = `rg-${app}-${env}`;
  const rgId = `${subId}/resourceGroups/${rgName}`;
  const tags = { app, env, owner: `team-${app}@contoso.example` };
  add({
    id: rgId,
    name: rgName,
    type: 'Microsoft.Resources/resourceGroups',
    location,
    properties: { provisioningState: 'Succeeded' },
    tags,
  });

  // --- managed identity the workload runs as
  const miName = `id-${app}-${env}`;
  const miId = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${miName}`;
  const miPrincipal = guid(wrng.fork('mi-principal'));
  const miClient = guid(wrng.fork('mi-client'));
  add({
    id: miId,
    name: miName,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location,
    tags,
    properties: { tenantId, principalId: miPrincipal, clientId: miClient },
  });
  const miAsset = truth.asset(
    id(miId),
    'identity',
    'Microsoft.ManagedIdentity/userAssignedIdentities',
    subscriptionId,
    location,
    miName,
  );
  truth.edge('contains', subAsset, miAsset);
  truth.markClean(miAsset);
  const userAssigned = {
    type: 'UserAssigned',
    userAssignedIdentities: { [miId]: { principalId: miPrincipal, clientId: miClient } },
  };
  return { sub, w, wrng, p, app, suffix, rgId, tags, miId, miPrincipal, miClient, miAsset, userAssigned };
}
