import { externalPrincipalId, INTERNET_ID } from '@aispm/core';
import { CREATED, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import { encrypted, type Workload } from './index.ts';

export interface Bucket {
  name: string;
  id: string;
}
export interface Buckets {
  trainingBucket: Bucket;
  ragBucket: Bucket;
  artifactBucket: Bucket;
}

/** The workload's training, RAG documents and artifacts buckets. */
export function buckets(wl: Workload): Buckets {
  const trainingBucket = bucket(wl, 'training', false);
  const ragBucket = bucket(wl, 'rag-docs', wl.prof.bucketAllUsers);
  const artifactBucket = bucket(wl, 'artifacts', false);
  return { trainingBucket, ragBucket, artifactBucket };
}

/** A bucket with its IAM policy; `allUsers` plants public read. */
function bucket(wl: Workload, suffix: string, allUsers: boolean): Bucket {
  const { truth, buckets, bucketIam } = wl.proj.org;
  const { projectId, projectNumber, region, runner } = wl.proj;
  const { wrng, prof, app, labels, cmekKey } = wl;
  const name = `${projectId}-${app}-${suffix}`;
  buckets.push({
    kind: 'storage#bucket',
    selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
    id: name,
    name,
    projectNumber,
    generation: wrng.digits(16),
    metageneration: '3',
    location: region.toUpperCase(),
    locationType: 'region',
    storageClass: 'STANDARD',
    etag: 'CAM=',
    timeCreated: CREATED,
    updated: UPDATED,
    labels,
    iamConfiguration: {
      bucketPolicyOnly: {
        enabled: !allUsers,
        ...(allUsers ? {} : { lockedTime: '2025-05-12T08:30:12.345Z' }),
      },
      uniformBucketLevelAccess: {
        enabled: !allUsers,
        ...(allUsers ? {} : { lockedTime: '2025-05-12T08:30:12.345Z' }),
      },
      publicAccessPrevention: prof.papEnforced ? 'enforced' : 'inherited',
    },
    ...(cmekKey ? { encryption: { defaultKmsKeyName: cmekKey } } : {}),
    versioning: { enabled: prof.papEnforced },
    softDeletePolicy: { retentionDurationSeconds: '604800', effectiveTime: CREATED },
    ...(prof.requestLogging
      ? { logging: { logBucket: `${projectId}-access-logs`, logObjectPrefix: name } }
      : {}),
  });
  const policyBindings = [
    {
      role: 'roles/storage.legacyBucketOwner',
      members: [`projectEditor:${projectId}`, `projectOwner:${projectId}`],
    },
    { role: 'roles/storage.legacyBucketReader', members: [`projectViewer:${projectId}`] },
    {
      role: 'roles/storage.objectViewer',
      members: [`serviceAccount:${runner.email}`, ...(allUsers ? ['allUsers'] : [])],
    },
  ];
  bucketIam[name] = {
    kind: 'storage#policy',
    resourceId: `projects/_/buckets/${name}`,
    version: 1,
    etag: 'CAM=',
    bindings: policyBindings,
  };
  const id = inProject(
    wl.proj,
    truth.asset(
      `//storage.googleapis.com/${name}`,
      'data-store',
      'storage.googleapis.com/Bucket',
      projectId,
      region,
      name,
    ),
  );
  truth.edge('can-read', runner.id, id);
  encrypted(wl, id, `bucket ${name}`);
  if (allUsers) {
    const everyone = externalPrincipalId('gcp', 'allUsers');
    truth.edge('can-read', everyone, id);
    truth.edge('exposed-to-internet', INTERNET_ID, id);
    truth.risk(id, 'data-store-public', `bucket ${name} grants roles/storage.objectViewer to allUsers`);
    truth.risk(
      id,
      'data-store-uniform-access-disabled',
      `bucket ${name} has uniform bucket-level access off (object ACLs apply)`,
    );
  } else if (!prof.papEnforced) {
    truth.risk(id, 'data-store-public', `bucket ${name} does not enforce public access prevention`, 'low');
  } else if (cmekKey) truth.markClean(id);
  return { name, id };
}
