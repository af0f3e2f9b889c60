import { assetId, type Rng } from '@aispm/core';
import type { GcpObject, GcpProject } from '../../gcp/model.ts';
import type { TruthBuilder } from '../manifest.ts';
import { projectApiKeys } from './api-keys.ts';
import { CREATED, etag, REGIONS } from './common.ts';
import { modelArmorFloor } from './model-armor.ts';

/** What every project of the organisation shares while it is generated. */
export interface Org {
  rng: Rng;
  truth: TruthBuilder;
  folders: GcpObject[];
  folderAssets: string[];
  projects: GcpProject[];
  collections: Record<string, GcpObject[]>;
  serviceAccounts: Record<string, GcpObject[]>;
  serviceAccountKeys: Record<string, GcpObject[]>;
  buckets: GcpObject[];
  bucketIam: Record<string, GcpObject>;
  /** Appends a Vertex AI / Workbench object to its collection. */
  put(collection: string, o: GcpObject): GcpObject;
}

/** A project being generated: its ids, region, IAM bindings and shared network. */
export interface Project {
  org: Org;
  p: number;
  prng: Rng;
  env: string;
  projectId: string;
  projectNumber: string;
  folder: GcpObject;
  region: string;
  zone: string;
  projectAsset: string;
  vertexParent: string;
  /** The project's IAM policy being built: members by role. */
  bindings: Map<string, Set<string>>;
  networkAsset: string;
  saRecords: GcpObject[];
  /** The service account the project's Vertex AI workloads run as. */
  runner: { email: string; id: string };
}

/** A project's ids, folder, network and service accounts (workloads are added by the caller). */
export function buildProject(org: Org, p: number): Project {
  const { truth, folders, folderAssets } = org;
  const prng = org.rng.fork(`project-${p}`);
  const env = p % 3 === 0 ? 'prod' : p % 3 === 1 ? 'dev' : 'research';
  const projectId = `ai-${env}-${String(p + 1).padStart(2, '0')}-${prng.hex(4)}`;
  const projectNumber = prng.digits(12).replace(/^0/, '7');
  const folder = folders[env === 'research' ? 1 : 0] as GcpObject;
  const folderAsset = folderAssets[env === 'research' ? 1 : 0] as string;
  const region = REGIONS[p % REGIONS.length] as string;
  const zone = `${region}-a`;
  const projectAsset = truth.asset(
    assetId('gcp', `projects/${projectNumber}`, 'cloudresourcemanager.googleapis.com'),
    'account',
    'cloudresourcemanager.googleapis.com/Project',
    projectId,
    'global',
    projectId,
  );
  truth.edge('contains', folderAsset, projectAsset);
  const vertexParent = `projects/${projectNumber}/locations/${region}`;
  const networkName = `projects/${projectId}/global/networks/ai-vpc`;
  const networkAsset = inProjectOf(
    truth,
    projectAsset,
    truth.asset(
      assetId('gcp', networkName, 'compute.googleapis.com'),
      'network',
      'compute.googleapis.com/Network',
      projectId,
      'global',
      'ai-vpc',
    ),
  );
  truth.markClean(networkAsset);
  const proj: Omit<Project, 'runner'> = {
    org,
    p,
    prng,
    env,
    projectId,
    projectNumber,
    folder,
    region,
    zone,
    projectAsset,
    vertexParent,
    bindings: new Map<string, Set<string>>(),
    networkAsset,
    saRecords: [],
  };
  return { ...proj, runner: projectIdentities(proj) };
}

function inProjectOf(truth: TruthBuilder, projectAsset: string, id: string): string {
  truth.edge('contains', projectAsset, id);
  return id;
}

/** Records that the project contains an asset; returns the asset id. */
export function inProject(proj: Pick<Project, 'org' | 'projectAsset'>, id: string): string {
  return inProjectOf(proj.org.truth, proj.projectAsset, id);
}

/** Adds a member to a role of the project's IAM policy. */
export function bind(proj: Pick<Project, 'bindings'>, role: string, member: string): void {
  const { bindings } = proj;
  const set = bindings.get(role) ?? new Set<string>();
  set.add(member);
  bindings.set(role, set);
}

/** The full name of a key in the project's key ring. */
export function keyName(proj: Pick<Project, 'projectId' | 'region'>, k: string): string {
  const { projectId, region } = proj;
  return `projects/${projectId}/locations/${region}/keyRings/ai-keys/cryptoKeys/${k}`;
}

/** A customer-managed key in the project's key ring, as an asset. */
export function keyAsset(proj: Project, k: string): string {
  const { truth } = proj.org;
  const { projectId, region } = proj;
  const id = inProject(
    proj,
    truth.asset(
      assetId('gcp', keyName(proj, k), 'cloudkms.googleapis.com'),
      'key',
      'cloudkms.googleapis.com/CryptoKey',
      projectId,
      region,
      k,
    ),
  );
  truth.markClean(id);
  return id;
}

/** A service account of the project with its system-managed key. */
export function serviceAccount(
  proj: Omit<Project, 'runner'>,
  accountId: string,
  displayName: string,
  email = `${accountId}@${proj.projectId}.iam.gserviceaccount.com`,
): { email: string; id: string } {
  const { truth, serviceAccountKeys } = proj.org;
  const { prng, projectId, saRecords } = proj;
  const uniqueId = `1${prng.digits(20)}`;
  saRecords.push({
    name: `projects/${projectId}/serviceAccounts/${email}`,
    projectId,
    uniqueId,
    email,
    displayName,
    etag: etag(prng),
    oauth2ClientId: uniqueId,
    disabled: false,
  });
  serviceAccountKeys[email] = [
    {
      name: `projects/${projectId}/serviceAccounts/${email}/keys/${prng.hex(40)}`,
      validAfterTime: CREATED.replace(/\.\d+Z$/, 'Z'),
      validBeforeTime: '2027-02-11T08:30:12Z',
      keyAlgorithm: 'KEY_ALG_RSA_2048',
      keyOrigin: 'GOOGLE_PROVIDED',
      keyType: 'SYSTEM_MANAGED',
    },
  ];
  const id = inProject(
    proj,
    truth.asset(
      assetId('gcp', `projects/${projectId}/serviceAccounts/${email}`, 'iam.googleapis.com'),
      'identity',
      'iam.googleapis.com/ServiceAccount',
      projectId,
      'global',
      email,
    ),
  );
  return { email, id };
}

/** The runner, a CI/CD deployer (sometimes keyed, sometimes primitive) and the default compute account. */
function projectIdentities(proj: Omit<Project, 'runner'>): { email: string; id: string } {
  const { truth, serviceAccounts, serviceAccountKeys } = proj.org;
  const { p, prng, env, projectId, projectNumber, projectAsset, saRecords } = proj;
  const runner = serviceAccount(proj, 'vertex-runner', 'Vertex AI workloads');
  bind(proj, 'roles/aiplatform.user', `serviceAccount:${runner.email}`);
  bind(proj, 'roles/storage.objectViewer', `serviceAccount:${runner.email}`);
  truth.markClean(runner.id);
  const deployer = serviceAccount(proj, 'ci-deployer', 'CI/CD deployer');
  const keyedDeployer = p % 2 === 0 || prng.chance(0.3);
  if (keyedDeployer) {
    const keyId = prng.hex(40);
    const keyName = `projects/${projectId}/serviceAccounts/${deployer.email}/keys/${keyId}`;
    serviceAccountKeys[deployer.email]?.push({
      name: keyName,
      validAfterTime: '2024-09-30T12:00:00Z',
      validBeforeTime: '9999-12-31T23:59:59Z',
      keyAlgorithm: 'KEY_ALG_RSA_2048',
      keyOrigin: 'GOOGLE_PROVIDED',
      keyType: 'USER_MANAGED',
      disabled: false,
    });
    const keyAssetId = inProject(
      proj,
      truth.asset(
        assetId('gcp', keyName, 'iam.googleapis.com'),
        'access-key',
        'iam.googleapis.com/ServiceAccountKey',
        projectId,
        'global',
        keyId,
      ),
    );
    truth.edge('has-key', deployer.id, keyAssetId);
    truth.risk(
      deployer.id,
      'identity-long-lived-key',
      `${deployer.email} has a user-managed key that never expires`,
    );
    truth.risk(
      keyAssetId,
      'identity-long-lived-key',
      `user-managed key ${keyId} of ${deployer.email} never expires`,
    );
  }
  const primitive = p === 0 ? 'roles/owner' : keyedDeployer ? 'roles/editor' : undefined;
  if (primitive) {
    bind(proj, primitive, `serviceAccount:${deployer.email}`);
    truth.edge('can-admin', deployer.id, projectAsset);
    truth.risk(
      deployer.id,
      'identity-primitive-role',
      `${deployer.email} holds ${primitive} on ${projectId}`,
    );
  } else {
    bind(proj, 'roles/aiplatform.admin', `serviceAccount:${deployer.email}`);
    truth.markClean(deployer.id);
  }
  if (keyedDeployer && primitive) {
    truth.path(
      `gcp-leaked-key-${projectId}`,
      [deployer.id, projectAsset],
      deployer.id,
      'a leaked user-managed key of a project-wide admin',
    );
  }
  // The Compute Engine default service account and its legacy Editor grant.
  const computeSa = serviceAccount(
    proj,
    'compute',
    'Compute Engine default service account',
    `${projectNumber}-compute@developer.gserviceaccount.com`,
  );
  if (env !== 'prod') {
    bind(proj, 'roles/editor', `serviceAccount:${computeSa.email}`);
    truth.edge('can-admin', computeSa.id, projectAsset);
    truth.risk(
      computeSa.id,
      'identity-primitive-role',
      `default compute service account holds roles/editor on ${projectId}`,
    );
  } else truth.markClean(computeSa.id);
  bind(proj, 'roles/owner', 'group:platform-admins@contoso.example');
  bind(proj, 'roles/viewer', `serviceAccount:aispm-scanner@${projectId}.iam.gserviceaccount.com`);
  serviceAccounts[projectId] = saRecords;
  return runner;
}

/** The project resource and its IAM policy, once its workloads have added their bindings. */
export function projectRecord(proj: Project): void {
  const { projects } = proj.org;
  const { prng, env, projectId, projectNumber, folder, bindings } = proj;
  const bindingList = [...bindings.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([role, members]) => ({ role, members: [...members].sort() }));
  projects.push({
    projectId,
    projectNumber,
    resource: {
      name: `projects/${projectNumber}`,
      parent: folder.name,
      projectId,
      state: 'ACTIVE',
      displayName: projectId,
      createTime: '2023-03-01T12:00:00.000Z',
      updateTime: '2023-03-01T12:00:00.000Z',
      etag: etag(prng),
      labels: { env },
    },
    iamPolicy: { version: 1, etag: etag(prng), bindings: bindingList },
    floorSetting: modelArmorFloor(proj),
    apiKeys: projectApiKeys(proj),
  });
}
