import { assetId, externalPrincipalId, INTERNET_ID, type Rng } from '@aispm/core';
import type { GcpEstate, GcpObject, GcpProject } from '../gcp/model.ts';
import type { ScaleParams } from '../options.ts';
import { type ProviderTruth, TruthBuilder } from './manifest.ts';

export type { GcpEstate } from '../gcp/model.ts';

const REGIONS = ['us-central1', 'europe-west4', 'us-east4'] as const;
const APPS = [
  'churn',
  'recsys',
  'fraud',
  'assistant',
  'docai',
  'search',
  'vision',
  'forecast',
  'support',
  'risk',
];
const HF_MODELS = [
  'meta-llama/Llama-3.1-8B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.3',
  'google/gemma-2-9b-it',
  'Qwen/Qwen2.5-7B-Instruct',
];
const CREATED = '2025-02-11T08:30:12.345678Z';
const UPDATED = '2025-06-02T17:04:55.120934Z';

const aiplatform = (name: string) => assetId('gcp', name, 'aiplatform.googleapis.com');

/** Same rotation as the Azure estate: 0 sound, 1 wide open, 2 hygiene gaps, 3 dice. */
interface WorkloadProfile {
  endpointPublic: boolean;
  cmek: boolean;
  indexPublic: boolean;
  bucketAllUsers: boolean;
  papEnforced: boolean;
  notebookPublicIp: boolean;
  notebookSecret: boolean;
  unpinnedModel: boolean;
  requestLogging: boolean;
}

function profileFor(index: number, rng: Rng): WorkloadProfile {
  switch (index % 4) {
    case 0:
      return {
        endpointPublic: false,
        cmek: true,
        indexPublic: false,
        bucketAllUsers: false,
        papEnforced: true,
        notebookPublicIp: false,
        notebookSecret: false,
        unpinnedModel: false,
        requestLogging: true,
      };
    case 1:
      return {
        endpointPublic: true,
        cmek: false,
        indexPublic: true,
        bucketAllUsers: true,
        papEnforced: false,
        notebookPublicIp: true,
        notebookSecret: false,
        unpinnedModel: true,
        requestLogging: false,
      };
    case 2:
      return {
        endpointPublic: false,
        cmek: false,
        indexPublic: false,
        bucketAllUsers: false,
        papEnforced: false,
        notebookPublicIp: false,
        notebookSecret: true,
        unpinnedModel: false,
        requestLogging: true,
      };
    default:
      return {
        endpointPublic: rng.chance(0.5),
        cmek: rng.chance(0.5),
        indexPublic: rng.chance(0.5),
        bucketAllUsers: rng.chance(0.3),
        papEnforced: rng.chance(0.5),
        notebookPublicIp: rng.chance(0.5),
        notebookSecret: rng.chance(0.3),
        unpinnedModel: rng.chance(0.5),
        requestLogging: rng.chance(0.5),
      };
  }
}

function etag(rng: Rng): string {
  return Buffer.from(rng.hex(16), 'hex').toString('base64');
}

/** Generates the GCP organisation: folders, projects and their Vertex AI workloads. */
export function generateGcpEstate(rng: Rng, params: ScaleParams): { state: GcpEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('gcp');
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

  const projects: GcpProject[] = [];
  const collections: Record<string, GcpObject[]> = {};
  const serviceAccounts: Record<string, GcpObject[]> = {};
  const serviceAccountKeys: Record<string, GcpObject[]> = {};
  const buckets: GcpObject[] = [];
  const bucketIam: Record<string, GcpObject> = {};
  const put = (collection: string, o: GcpObject) => {
    const list = collections[collection];
    if (list) list.push(o);
    else collections[collection] = [o];
    return o;
  };
  let workloadIndex = 0;

  for (let p = 0; p < params.gcpProjects; p++) {
    const prng = rng.fork(`project-${p}`);
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
    const inProject = (id: string) => {
      truth.edge('contains', projectAsset, id);
      return id;
    };
    const vertexParent = `projects/${projectNumber}/locations/${region}`;
    const bindings = new Map<string, Set<string>>();
    const bind = (role: string, member: string) => {
      const set = bindings.get(role) ?? new Set<string>();
      set.add(member);
      bindings.set(role, set);
    };

    // --- network and key ring shared by the project's workloads
    const networkName = `projects/${projectId}/global/networks/ai-vpc`;
    const networkAsset = inProject(
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
    const keyName = (k: string) =>
      `projects/${projectId}/locations/${region}/keyRings/ai-keys/cryptoKeys/${k}`;
    const keyAsset = (k: string) => {
      const id = inProject(
        truth.asset(
          assetId('gcp', keyName(k), 'cloudkms.googleapis.com'),
          'key',
          'cloudkms.googleapis.com/CryptoKey',
          projectId,
          region,
          k,
        ),
      );
      truth.markClean(id);
      return id;
    };

    // --- service accounts
    const saRecords: GcpObject[] = [];
    const serviceAccount = (
      accountId: string,
      displayName: string,
      email = `${accountId}@${projectId}.iam.gserviceaccount.com`,
    ) => {
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
    };
    const runner = serviceAccount('vertex-runner', 'Vertex AI workloads');
    bind('roles/aiplatform.user', `serviceAccount:${runner.email}`);
    bind('roles/storage.objectViewer', `serviceAccount:${runner.email}`);
    truth.markClean(runner.id);
    const deployer = serviceAccount('ci-deployer', 'CI/CD deployer');
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
      bind(primitive, `serviceAccount:${deployer.email}`);
      truth.edge('can-admin', deployer.id, projectAsset);
      truth.risk(
        deployer.id,
        'identity-primitive-role',
        `${deployer.email} holds ${primitive} on ${projectId}`,
      );
    } else {
      bind('roles/aiplatform.admin', `serviceAccount:${deployer.email}`);
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
      'compute',
      'Compute Engine default service account',
      `${projectNumber}-compute@developer.gserviceaccount.com`,
    );
    if (env !== 'prod') {
      bind('roles/editor', `serviceAccount:${computeSa.email}`);
      truth.edge('can-admin', computeSa.id, projectAsset);
      truth.risk(
        computeSa.id,
        'identity-primitive-role',
        `default compute service account holds roles/editor on ${projectId}`,
      );
    } else truth.markClean(computeSa.id);
    bind('roles/owner', 'group:platform-admins@contoso.example');
    bind('roles/viewer', `serviceAccount:aispm-scanner@${projectId}.iam.gserviceaccount.com`);
    serviceAccounts[projectId] = saRecords;

    // --- workloads
    for (let w = 0; w < params.workloadsPerAccount; w++) {
      const wrng = prng.fork(`workload-${w}`);
      const prof = profileFor(workloadIndex++, wrng.fork('profile'));
      const app = `${APPS[(p * 3 + w) % APPS.length]}${w >= APPS.length ? w : ''}`;
      const labels = { app, env, team: `ml-${app}` };
      const cmekKey = prof.cmek ? keyName(`cmek-${app}`) : undefined;
      const cmekAsset = prof.cmek ? keyAsset(`cmek-${app}`) : undefined;
      const encryptionSpec = cmekKey ? { encryptionSpec: { kmsKeyName: cmekKey } } : {};
      const encrypted = (id: string, what: string, severity?: 'low') => {
        if (cmekAsset) truth.edge('encrypted-by', id, cmekAsset);
        else truth.risk(id, 'no-cmk-encryption', `${what} uses Google-managed encryption keys`, severity);
      };
      const id19 = () => `${wrng.digits(19).replace(/^0/, '1')}`;

      // buckets
      const bucket = (suffix: string, allUsers: boolean) => {
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
        encrypted(id, `bucket ${name}`);
        if (allUsers) {
          const everyone = externalPrincipalId('gcp', 'allUsers');
          truth.edge('can-read', everyone, id);
          truth.edge('exposed-to-internet', INTERNET_ID, id);
          truth.risk(id, 'data-store-public', `bucket ${name} grants roles/storage.objectViewer to allUsers`);
        } else if (!prof.papEnforced) {
          truth.risk(
            id,
            'data-store-public',
            `bucket ${name} does not enforce public access prevention`,
            'low',
          );
        } else if (cmekKey) truth.markClean(id);
        return { name, id };
      };
      const trainingBucket = bucket('training', false);
      const ragBucket = bucket('rag-docs', prof.bucketAllUsers);
      const artifactBucket = bucket('artifacts', false);

      // dataset
      const datasetName = `${vertexParent}/datasets/${id19()}`;
      put(`${vertexParent}/datasets`, {
        name: datasetName,
        displayName: `${app}-training-set`,
        metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml',
        metadata: { inputConfig: { gcsSource: { uri: [`gs://${trainingBucket.name}/export/*.jsonl`] } } },
        createTime: CREATED,
        updateTime: UPDATED,
        etag: etag(wrng),
        labels,
        dataItemCount: String(wrng.int(1000, 90000)),
        ...encryptionSpec,
      });
      const datasetAsset = inProject(
        truth.asset(
          aiplatform(datasetName),
          'dataset',
          'aiplatform.googleapis.com/Dataset',
          projectId,
          region,
          `${app}-training-set`,
        ),
      );
      truth.edge('reads-from', datasetAsset, trainingBucket.id);
      encrypted(datasetAsset, `dataset ${app}-training-set`);

      // training pipeline and custom job
      const pipelineName = `${vertexParent}/trainingPipelines/${id19()}`;
      const jobName = `${vertexParent}/customJobs/${id19()}`;
      const workerPool = {
        machineSpec: {
          machineType: 'n1-standard-8',
          acceleratorType: 'NVIDIA_TESLA_T4',
          acceleratorCount: 1,
        },
        replicaCount: '1',
        containerSpec: {
          imageUri: `${region}-docker.pkg.dev/${projectId}/training/${app}-trainer:1.4.2`,
          args: ['--epochs=10'],
        },
        diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
      };
      put(`${vertexParent}/trainingPipelines`, {
        name: pipelineName,
        displayName: `${app}-train`,
        inputDataConfig: {
          datasetId: datasetName.split('/').pop(),
          gcsDestination: { outputUriPrefix: `gs://${artifactBucket.name}/pipeline/` },
        },
        trainingTaskDefinition:
          'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
        trainingTaskInputs: {
          workerPoolSpecs: [workerPool],
          serviceAccount: runner.email,
          baseOutputDirectory: { outputUriPrefix: `gs://${artifactBucket.name}/pipeline/` },
        },
        modelToUpload: { displayName: `${app}-model` },
        state: 'PIPELINE_STATE_SUCCEEDED',
        createTime: CREATED,
        startTime: CREATED,
        endTime: UPDATED,
        updateTime: UPDATED,
        labels,
        ...encryptionSpec,
      });
      const pipelineAsset = inProject(
        truth.asset(
          aiplatform(pipelineName),
          'training-job',
          'aiplatform.googleapis.com/TrainingPipeline',
          projectId,
          region,
          `${app}-train`,
        ),
      );
      truth.edge('reads-from', pipelineAsset, datasetAsset);
      truth.edge('writes-to', pipelineAsset, artifactBucket.id);
      truth.edge('runs-as', pipelineAsset, runner.id);
      encrypted(pipelineAsset, `training pipeline ${app}-train`, 'low');
      put(`${vertexParent}/customJobs`, {
        name: jobName,
        displayName: `${app}-feature-prep`,
        jobSpec: {
          workerPoolSpecs: [workerPool],
          serviceAccount: runner.email,
          network: `projects/${projectNumber}/global/networks/ai-vpc`,
          baseOutputDirectory: { outputUriPrefix: `gs://${artifactBucket.name}/jobs/` },
          enableWebAccess: false,
        },
        state: 'JOB_STATE_SUCCEEDED',
        createTime: CREATED,
        startTime: CREATED,
        endTime: UPDATED,
        updateTime: UPDATED,
        labels,
        ...encryptionSpec,
      });
      const jobAsset = inProject(
        truth.asset(
          aiplatform(jobName),
          'training-job',
          'aiplatform.googleapis.com/CustomJob',
          projectId,
          region,
          `${app}-feature-prep`,
        ),
      );
      truth.edge('reads-from', jobAsset, trainingBucket.id);
      truth.edge('writes-to', jobAsset, artifactBucket.id);
      truth.edge('runs-as', jobAsset, runner.id);
      truth.edge('in-network', jobAsset, networkAsset);
      encrypted(jobAsset, `custom job ${app}-feature-prep`, 'low');

      // models: the pipeline's output, and an open-weights LLM served from a Hugging Face container
      const trainedName = `${vertexParent}/models/${id19()}`;
      put(`${vertexParent}/models`, {
        name: trainedName,
        displayName: `${app}-model`,
        versionId: '1',
        versionAliases: ['default'],
        versionCreateTime: CREATED,
        versionUpdateTime: UPDATED,
        trainingPipeline: pipelineName,
        artifactUri: `gs://${artifactBucket.name}/pipeline/model/`,
        containerSpec: { imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-3:latest' },
        supportedDeploymentResourcesTypes: ['DEDICATED_RESOURCES'],
        supportedInputStorageFormats: ['jsonl'],
        supportedOutputStorageFormats: ['jsonl'],
        createTime: CREATED,
        updateTime: UPDATED,
        etag: etag(wrng),
        labels,
        ...encryptionSpec,
      });
      const trainedAsset = inProject(
        truth.asset(
          aiplatform(trainedName),
          'model',
          'aiplatform.googleapis.com/Model',
          projectId,
          region,
          `${app}-model`,
        ),
      );
      truth.edge('produced-by', trainedAsset, pipelineAsset);
      truth.edge('trained-on', trainedAsset, datasetAsset);
      truth.edge('trained-on', trainedAsset, trainingBucket.id);
      encrypted(trainedAsset, `model ${app}-model`);
      const hfModel = HF_MODELS[(p + w) % HF_MODELS.length] as string;
      const llmName = `${vertexParent}/models/${id19()}`;
      const llmDisplay = `${app}-${hfModel.split('/')[1]?.toLowerCase()}`;
      put(`${vertexParent}/models`, {
        name: llmName,
        displayName: llmDisplay,
        versionId: '1',
        versionAliases: ['default'],
        versionCreateTime: CREATED,
        versionUpdateTime: UPDATED,
        containerSpec: {
          imageUri:
            'us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu124.2-4.ubuntu2204.py311',
          env: [
            { name: 'MODEL_ID', value: hfModel },
            ...(prof.unpinnedModel ? [] : [{ name: 'REVISION', value: wrng.hex(40) }]),
            { name: 'NUM_SHARD', value: '1' },
            { name: 'MAX_INPUT_LENGTH', value: '4096' },
          ],
          ports: [{ containerPort: 8080 }],
          predictRoute: '/generate',
          healthRoute: '/health',
        },
        supportedDeploymentResourcesTypes: ['DEDICATED_RESOURCES'],
        createTime: CREATED,
        updateTime: UPDATED,
        etag: etag(wrng),
        labels: { ...labels, source: 'huggingface' },
        ...encryptionSpec,
      });
      const llmAsset = inProject(
        truth.asset(
          aiplatform(llmName),
          'model',
          'aiplatform.googleapis.com/Model',
          projectId,
          region,
          llmDisplay,
        ),
      );
      encrypted(llmAsset, `model ${llmDisplay}`);
      if (prof.unpinnedModel)
        truth.risk(
          llmAsset,
          'model-unpinned-public-source',
          `model ${llmDisplay} pulls ${hfModel} from Hugging Face without a pinned revision`,
        );
      if (cmekKey) {
        truth.markClean(trainedAsset);
        if (!prof.unpinnedModel) truth.markClean(llmAsset);
      }

      // endpoint serving both models
      const endpointName = `${vertexParent}/endpoints/${id19()}`;
      const deployed = [trainedName, llmName].map((model, i) => ({
        id: wrng.digits(19).replace(/^0/, '3'),
        model,
        modelVersionId: '1',
        displayName: i === 0 ? `${app}-model` : llmDisplay,
        createTime: CREATED,
        dedicatedResources: {
          machineSpec:
            i === 0
              ? { machineType: 'n1-standard-4' }
              : { machineType: 'g2-standard-12', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
          minReplicaCount: 1,
          maxReplicaCount: 2,
        },
        serviceAccount: runner.email,
        enableAccessLogging: prof.requestLogging,
      }));
      put(`${vertexParent}/endpoints`, {
        name: endpointName,
        displayName: `${app}-endpoint`,
        deployedModels: deployed,
        trafficSplit: { [deployed[0]?.id as string]: 0, [deployed[1]?.id as string]: 100 },
        etag: etag(wrng),
        labels,
        createTime: CREATED,
        updateTime: UPDATED,
        ...(prof.endpointPublic
          ? {
              dedicatedEndpointEnabled: true,
              dedicatedEndpointDns: `${endpointName.split('/').pop()}.${region}-${projectNumber}.prediction.vertexai.goog`,
            }
          : { network: `projects/${projectNumber}/global/networks/ai-vpc` }),
        predictRequestResponseLoggingConfig: prof.requestLogging
          ? {
              enabled: true,
              samplingRate: 0.1,
              bigqueryDestination: { outputUri: `bq://${projectId}.vertex_logs.${app}` },
            }
          : { enabled: false },
        ...encryptionSpec,
      });
      const endpointAsset = inProject(
        truth.asset(
          aiplatform(endpointName),
          'inference-endpoint',
          'aiplatform.googleapis.com/Endpoint',
          projectId,
          region,
          `${app}-endpoint`,
        ),
      );
      truth.edge('serves', endpointAsset, trainedAsset);
      truth.edge('serves', endpointAsset, llmAsset);
      truth.edge('runs-as', endpointAsset, runner.id);
      truth.edge('can-invoke', runner.id, endpointAsset);
      encrypted(endpointAsset, `endpoint ${app}-endpoint`);
      if (prof.endpointPublic) {
        truth.edge('exposed-to-internet', INTERNET_ID, endpointAsset);
        truth.risk(
          endpointAsset,
          'endpoint-public-access',
          `endpoint ${app}-endpoint is a public dedicated endpoint without Private Service Connect`,
        );
        truth.path(
          `gcp-public-endpoint-${endpointName.split('/').pop()}`,
          [INTERNET_ID, endpointAsset, trainedAsset],
          endpointAsset,
          'internet-reachable endpoint serving a model trained on internal data',
        );
      } else {
        truth.edge('in-network', endpointAsset, networkAsset);
      }
      if (!prof.requestLogging)
        truth.risk(
          endpointAsset,
          'data-capture-disabled',
          `endpoint ${app}-endpoint has request-response logging off`,
          'low',
        );
      if (!prof.endpointPublic && cmekKey && prof.requestLogging) truth.markClean(endpointAsset);

      // vector search: index + index endpoint
      const indexName = `${vertexParent}/indexes/${id19()}`;
      const indexEndpointName = `${vertexParent}/indexEndpoints/${id19()}`;
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
      encrypted(indexAsset, `index ${app}-docs-index`);
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
      encrypted(ieAsset, `index endpoint ${app}-docs-search`);
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

      // feature store on every other workload
      if (w % 2 === 0) {
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
          truth.asset(
            aiplatform(fsName),
            'feature-store',
            'aiplatform.googleapis.com/Featurestore',
            projectId,
            region,
            fsName.split('/').pop() as string,
          ),
        );
        encrypted(fsAsset, `featurestore ${fsName.split('/').pop()}`);
        if (cmekKey) truth.markClean(fsAsset);
      }

      // Workbench instance (notebooks v2; names use the project id and a zone)
      const nbShort = `${app}-workbench`;
      const nbName = `projects/${projectId}/locations/${zone}/instances/${nbShort}`;
      const startup = prof.notebookSecret
        ? `#!/bin/bash\nexport HF_TOKEN=hf_${wrng.hex(34)}\npip install -q transformers==4.44.2\n`
        : '#!/bin/bash\npip install -q transformers==4.44.2\n';
      put(`projects/${projectId}/locations/${zone}/instances`, {
        name: nbName,
        gceSetup: {
          machineType: 'e2-standard-8',
          serviceAccounts: [
            { email: runner.email, scopes: ['https://www.googleapis.com/auth/cloud-platform'] },
          ],
          vmImage: { project: 'cloud-notebooks-managed', family: 'workbench-instances' },
          bootDisk: {
            diskSizeGb: '150',
            diskType: 'PD_BALANCED',
            diskEncryption: cmekKey ? 'CMEK' : 'GMEK',
            ...(cmekKey ? { kmsKey: cmekKey } : {}),
          },
          dataDisks: [
            { diskSizeGb: '100', diskType: 'PD_BALANCED', diskEncryption: cmekKey ? 'CMEK' : 'GMEK' },
          ],
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
    });
  }

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
