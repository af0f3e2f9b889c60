import { assetId, INTERNET_ID } from '@aispm/core';
import { CREATED, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import type { Workload } from './index.ts';

/** A Workbench instance (notebooks v2; names use the project id and a zone). */
export function workbench(wl: Workload): void {
  const { truth, put } = wl.proj.org;
  const { projectId, region, zone, networkAsset, runner } = wl.proj;
  const { wrng, prof, app, labels, cmekKey, cmekAsset } = wl;
  const nbShort = `${app}-workbench`;
  const nbName = `projects/${projectId}/locations/${zone}/instances/${nbShort}`;
  const startup = prof.notebookSecret
    ? `#!/bin/bash\nexport HF_TOKEN=hf_${wrng.hex(34)}\npip install -q transformers==4.44.2\n`
    : '#!/bin/bash\npip install -q transformers==4.44.2\n';
  put(`projects/${projectId}/locations/${zone}/instances`, {
    name: nbName,
    gceSetup: {
      machineType: 'e2-standard-8',
      serviceAccounts: [{ email: runner.email, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
      vmImage: { project: 'cloud-notebooks-managed', family: 'workbench-instances' },
      bootDisk: {
        diskSizeGb: '150',
        diskType: 'PD_BALANCED',
        diskEncryption: cmekKey ? 'CMEK' : 'GMEK',
        ...(cmekKey ? { kmsKey: cmekKey } : {}),
      },
      dataDisks: [{ diskSizeGb: '100', diskType: 'PD_BALANCED', diskEncryption: cmekKey ? 'CMEK' : 'GMEK' }],
      networkInterfaces: [
        {
          network: `projects/${projectId}/global/networks/ai-vpc`,
          subnet: `projects/${projectId}/regions/${region}/subnetworks/notebooks`,
          nicType: 'GVNIC',
        },
      ],
      disablePublicIp: !prof.notebookPublicIp,
      enableIpForwarding: false,
      shieldedInstanceConfig: {
        enableSecureBoot: true,
        enableVtpm: true,
        enableIntegrityMonitoring: true,
      },
      metadata: {
        'startup-script': startup,
        'idle-timeout-seconds': '10800',
        'notebook-disable-root': prof.notebookPublicIp ? 'false' : 'true',
        'serial-port-logging-enable': 'true',
      },
      tags: ['deeplearning-vm', 'notebook-instance'],
    },
    proxyUri: `${wrng.hex(16)}-dot-${region}.notebooks.googleusercontent.com`,
    instanceOwners: [`data-scientist-${app}@contoso.example`],
    creator: `data-scientist-${app}@contoso.example`,
    state: 'ACTIVE',
    healthState: 'HEALTHY',
    healthInfo: {},
    createTime: CREATED,
    updateTime: UPDATED,
    labels,
    disableProxyAccess: false,
  });
  const nbAsset = inProject(
    wl.proj,
    truth.asset(
      assetId('gcp', nbName, 'notebooks.googleapis.com'),
      'notebook',
      'notebooks.googleapis.com/Instance',
      projectId,
      zone,
      nbShort,
    ),
  );
  truth.edge('runs-as', nbAsset, runner.id);
  truth.edge('in-network', nbAsset, networkAsset);
  if (cmekAsset) truth.edge('encrypted-by', nbAsset, cmekAsset);
  if (prof.notebookPublicIp) {
    truth.edge('exposed-to-internet', INTERNET_ID, nbAsset);
    truth.risk(nbAsset, 'notebook-direct-internet', `workbench ${nbShort} has an external IP`);
    truth.risk(nbAsset, 'notebook-root-access', `workbench ${nbShort} allows root`, 'medium');
  }
  if (prof.notebookSecret)
    truth.risk(
      nbAsset,
      'secret-in-notebook-startup',
      `workbench ${nbShort} startup script exports a Hugging Face token`,
    );
  if (!prof.notebookPublicIp && !prof.notebookSecret && cmekKey) truth.markClean(nbAsset);
}
