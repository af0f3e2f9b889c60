/**
 * The Azure estate: a tenant whose subscriptions each hold shared platform resources (subscription.ts) and a
 * few AI application workloads (workload/). The generated ARM objects are what the simulated Azure APIs serve;
 * the truth is what a correct scan must find.
 */
import type { Rng } from '@aispm/core';
import type { ArmObject, AzureEstate, FoundryProjectAgents } from '../../azure/model.ts';
import type { ScaleParams } from '../../options.ts';
import { type ProviderTruth, TruthBuilder } from '../manifest.ts';
import { guid } from './common.ts';
import { buildSubscription, type Tenant } from './subscription.ts';
import { buildWorkload } from './workload/index.ts';

export type { AzureEstate } from '../../azure/model.ts';
export { AZURE_BUILTIN_ROLES } from './common.ts';

/** Generates the Azure tenant: subscriptions under a management group, each with AI workloads. */
export function generateAzureEstate(
  rng: Rng,
  params: ScaleParams,
): { state: AzureEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('azure');
  const tenantId = guid(rng.fork('tenant'));
  const foreignTenantId = guid(rng.fork('foreign-tenant'));
  const scanner = {
    clientId: guid(rng.fork('scanner-app')),
    clientSecret: `sim~${rng.fork('scanner-secret').hex(34)}`,
  };
  const subscriptions: ArmObject[] = [];
  const resources: ArmObject[] = [];
  const foundryAgents: FoundryProjectAgents[] = [];
  const t: Tenant = {
    rng,
    truth,
    tenantId,
    foreignTenantId,
    resources,
    roleIds: new Map<string, string>(),
    foundryAgents,
    add: (o: ArmObject): ArmObject => {
      resources.push(o);
      return o;
    },
  };
  let workloadIndex = 0;
  for (let s = 0; s < params.azureSubscriptions; s++) {
    const sub = buildSubscription(t, subscriptions, s);
    for (let w = 0; w < params.workloadsPerAccount; w++) buildWorkload(sub, w, workloadIndex++);
  }

  const state: AzureEstate = {
    tenantId,
    clientId: scanner.clientId,
    clientSecret: scanner.clientSecret,
    apps: [{ ...scanner, displayName: 'aispm-scanner' }],
    managementGroups: [
      {
        id: `/providers/Microsoft.Management/managementGroups/${tenantId}`,
        displayName: 'Tenant Root Group',
      },
      { id: '/providers/Microsoft.Management/managementGroups/mg-ai-platform', displayName: 'AI Platform' },
    ],
    subscriptions,
    resources,
    foundryAgents,
  };
  return {
    state,
    truth: truth.build([
      'contains',
      'guarded-by',
      'encrypted-by',
      'runs-as',
      'logs-to',
      'in-network',
      'uses-tool',
      'uses-model',
    ]),
  };
}
