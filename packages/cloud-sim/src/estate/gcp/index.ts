/**
 * The GCP estate: an organisation with folders and projects (project.ts), each project running a few Vertex AI
 * workloads (workload/). The generated objects are what the simulated GCP APIs serve; the truth is what a
 * correct scan must find.
 */
import { assetId, type Rng } from '@aispm/core';
import type { GcpEstate, GcpObject, GcpProject } from '../../gcp/model.ts';
import type { ScaleParams } from '../../options.ts';
import { type ProviderTruth, TruthBuilder } from '../manifest.ts';
import { etag } from './common.ts';
import { buildProject, type Org, projectRecord } from './project.ts';
import { buildWorkload } from './workload/index.ts';

export type { GcpEstate } from '../../gcp/model.ts';

/** Generates the GCP organisation: folders, projects and their Vertex AI workloads. */
export function generateGcpEstate(rng: Rng, params: ScaleParams): { state: GcpEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('gcp');
  const { organization, folders, folderAssets } = organizationAndFolders(rng, truth);
  const collections: Record<string, GcpObject[]> = {};
  const org: Org = {
    rng,
    truth,
    folders,
    folderAssets,
    projects: [] as GcpProject[],
    collections,
    serviceAccounts: {},
    serviceAccountKeys: {},
    buckets: [],
    bucketIam: {},
    put: (collection: string, o: GcpObject) => {
      const list = collections[collection];
      if (list) list.push(o);
      else collections[collection] = [o];
      return o;
    },
  };
  let workloadIndex = 0;
  for (let p = 0; p < params.gcpProjects; p++) {
    const proj = buildProject(org, p);
    for (let w = 0; w < params.workloadsPerAccount; w++) buildWorkload(proj, w, workloadIndex++);
    projectRecord(proj);
  }
  const { projects, serviceAccounts, serviceAccountKeys, buckets, bucketIam } = org;

  const oauthRng = rng.fork('oauth-client');
  const state: GcpEstate = {
    organization,
    folders,
    projects,
    oauthClient: {
      clientId: `${oauthRng.digits(12)}-${oauthRng.hex(32)}.apps.googleusercontent.com`,
      clientSecret: `GOCSPX-${oauthRng.hex(28)}`,
      refreshToken: `1//sim-${oauthRng.hex(40)}`,
    },
    collections,
    serviceAccounts,
    serviceAccountKeys,
    buckets,
    bucketIam,
  };
  return {
    state,
    truth: truth.build([
      'contains',
      'serves',
      'produced-by',
      'encrypted-by',
      'runs-as',
      'has-key',
      'in-network',
    ]),
  };
}

/** The organisation and its two folders. */
function organizationAndFolders(
  rng: Rng,
  truth: TruthBuilder,
): { organization: GcpObject; folders: GcpObject[]; folderAssets: string[] } {
  const orgNumber = rng.fork('org').digits(12).replace(/^0/, '4');
  const organization: GcpObject = {
    name: `organizations/${orgNumber}`,
    displayName: 'contoso.example',
    directoryCustomerId: `C0${rng.fork('customer').hex(7)}`,
    state: 'ACTIVE',
    createTime: '2019-05-21T10:00:00.000Z',
    updateTime: '2019-05-21T10:00:00.000Z',
    etag: etag(rng.fork('org-etag')),
  };
  const folderSpecs = [
    { key: 'ai-platform', displayName: 'AI Platform', parent: `organizations/${orgNumber}` },
    { key: 'research', displayName: 'Research', parent: `organizations/${orgNumber}` },
  ];
  const folders: GcpObject[] = [];
  const folderAssets: string[] = [];
  for (const spec of folderSpecs) {
    const number = rng.fork(`folder-${spec.key}`).digits(12).replace(/^0/, '2');
    const name = `folders/${number}`;
    folders.push({
      name,
      parent: spec.parent,
      displayName: spec.displayName,
      state: 'ACTIVE',
      createTime: '2021-01-10T09:00:00.000Z',
      updateTime: '2021-01-10T09:00:00.000Z',
      etag: etag(rng.fork(`folder-etag-${spec.key}`)),
    });
    const id = truth.asset(
      assetId('gcp', name, 'cloudresourcemanager.googleapis.com'),
      'account',
      'cloudresourcemanager.googleapis.com/Folder',
      'global',
      'global',
      spec.displayName,
    );
    folderAssets.push(id);
    truth.markClean(id);
  }
  return { organization, folders, folderAssets };
}
