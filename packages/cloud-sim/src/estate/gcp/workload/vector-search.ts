import { INTERNET_ID } from '@aispm/core';
import { aiplatform, CREATED, etag, UPDATED } from '../common.ts';
import { inProject } from '../project.ts';
import type { Bucket } from './buckets.ts';
import { encrypted, id19, type Workload } from './index.ts';

/** Vector search: an index over the RAG bucket's embeddings and the index endpoint serving it. */
export function vectorSearch(wl: Workload, ragBucket: Bucket): void {
  const { truth, put } = wl.proj.org;
  const { projectId, projectNumber, region, vertexParent, networkAsset, runner } = wl.proj;
  const { wrng, prof, app, labels, cmekKey, encryptionSpec } = wl;
  const indexName = `${vertexParent}/indexes/${id19(wl)}`;
  const indexEndpointName = `${vertexParent}/indexEndpoints/${id19(wl)}`;
  const deployedIndexId = `${app.replace(/-/g, '_')}_docs_v1`;
  put(`${vertexParent}/indexes`, {
    name: indexName,
    displayName: `${app}-docs-index`,
    metadataSchemaUri:
      'gs://google-cloud-aiplatform/schema/matchingengine/metadata/nearest_neighbor_search_1.0.0.yaml',
    metadata: {
      contentsDeltaUri: `gs://${ragBucket.name}/embeddings/`,
      config: {
        dimensions: 768,
        approximateNeighborsCount: 150,
        distanceMeasureType: 'DOT_PRODUCT_DISTANCE',
        algorithmConfig: { treeAhConfig: { leafNodeEmbeddingCount: 1000 } },
      },
    },
    deployedIndexes: [{ indexEndpoint: indexEndpointName, deployedIndexId }],
    indexStats: { vectorsCount: String(wrng.int(10000, 900000)), shardsCount: 1 },
    indexUpdateMethod: 'BATCH_UPDATE',
    etag: etag(wrng),
    labels,
    createTime: CREATED,
    updateTime: UPDATED,
    ...encryptionSpec,
  });
  const indexAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(indexName),
      'vector-store',
      'aiplatform.googleapis.com/Index',
      projectId,
      region,
      `${app}-docs-index`,
    ),
  );
  truth.edge('reads-from', indexAsset, ragBucket.id);
  encrypted(wl, indexAsset, `index ${app}-docs-index`);
  put(`${vertexParent}/indexEndpoints`, {
    name: indexEndpointName,
    displayName: `${app}-docs-search`,
    deployedIndexes: [
      {
        id: deployedIndexId,
        index: indexName,
        displayName: `${app} docs v1`,
        createTime: CREATED,
        indexSyncTime: UPDATED,
        automaticResources: { minReplicaCount: 1, maxReplicaCount: 2 },
        deployedIndexAuthConfig: prof.indexPublic
          ? undefined
          : { authProvider: { audiences: [`${app}-search`], allowedIssuers: [runner.email] } },
      },
    ],
    etag: etag(wrng),
    labels,
    createTime: CREATED,
    updateTime: UPDATED,
    ...(prof.indexPublic
      ? {
          publicEndpointEnabled: true,
          publicEndpointDomainName: `${wrng.digits(10)}.${region}-${projectNumber}.vdb.vertexai.goog`,
        }
      : { publicEndpointEnabled: false, network: `projects/${projectNumber}/global/networks/ai-vpc` }),
    ...encryptionSpec,
  });
  const ieAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(indexEndpointName),
      'vector-store',
      'aiplatform.googleapis.com/IndexEndpoint',
      projectId,
      region,
      `${app}-docs-search`,
    ),
  );
  truth.edge('reads-from', ieAsset, indexAsset);
  encrypted(wl, ieAsset, `index endpoint ${app}-docs-search`);
  if (prof.indexPublic) {
    truth.edge('exposed-to-internet', INTERNET_ID, ieAsset);
    truth.risk(
      ieAsset,
      'vector-store-public-network',
      `index endpoint ${app}-docs-search has a public endpoint`,
    );
  } else truth.edge('in-network', ieAsset, networkAsset);
  if (!prof.indexPublic && cmekKey) {
    truth.markClean(ieAsset);
    truth.markClean(indexAsset);
  }
}

/** A feature store (on every other workload). */
export function featureStore(wl: Workload): void {
  const { truth, put } = wl.proj.org;
  const { projectId, region, vertexParent } = wl.proj;
  const { wrng, app, labels, cmekKey, encryptionSpec } = wl;
  const fsName = `${vertexParent}/featurestores/${app.replace(/-/g, '_')}_features`;
  put(`${vertexParent}/featurestores`, {
    name: fsName,
    createTime: CREATED,
    updateTime: UPDATED,
    etag: etag(wrng),
    labels,
    onlineServingConfig: { fixedNodeCount: 1 },
    state: 'STABLE',
    onlineStorageTtlDays: 4000,
    ...encryptionSpec,
  });
  const fsAsset = inProject(
    wl.proj,
    truth.asset(
      aiplatform(fsName),
      'feature-store',
      'aiplatform.googleapis.com/Featurestore',
      projectId,
      region,
      fsName.split('/').pop() as string,
    ),
  );
  encrypted(wl, fsAsset, `featurestore ${fsName.split('/').pop()}`);
  if (cmekKey) truth.markClean(fsAsset);
}
