import { type AssetRecord, type EdgeRecord, edge, type GraphBatch } from '@aispm/core';
import { SecretRedactor } from '../../shared/secrets.ts';
import { guardrailRef, isArn, modelReferenceArn, unqualifiedFunctionArn } from '../arn.ts';
import { awsAsset } from '../asset.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawBedrockAgent } from './fetch.ts';

export function actionGroupId(agentArn: string, actionGroupId: string): string {
  return `${agentArn}/action-group/${actionGroupId}`;
}

export function knowledgeBaseArn(region: string, accountId: string, knowledgeBaseId: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:knowledge-base/${knowledgeBaseId}`;
}

/**
 * The guardrail an agent's configuration names: the asset is the unqualified ARN whatever version the agent pins
 * (DRAFT or a number); the version rides on the guarded-by edge.
 */
function agentGuardrail(
  cfg: { guardrailIdentifier?: string; guardrailVersion?: string } | undefined,
  region: string,
  accountId: string,
): { guardrail?: string; guardrailVersion?: string } {
  const ref = cfg?.guardrailIdentifier ? guardrailRef(region, accountId, cfg.guardrailIdentifier) : undefined;
  return { guardrail: ref?.arn, guardrailVersion: cfg?.guardrailVersion ?? ref?.version };
}

export function normalizeBedrockAgent(raw: RawBedrockAgent, scope: NormalizeScope): GraphBatch {
  const { accountId, region } = scope;
  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  const add = (kind: EdgeRecord['kind'], from: string, to: string | undefined) => {
    if (to) edges.push(edge(kind, from, to));
  };

  for (const { agent: a, actionGroups, knowledgeBases } of raw.agents) {
    if (!a.agentArn) continue;
    const redactor = new SecretRedactor();
    const instruction = redactor.redact('instruction', a.instruction);
    const prompts = (a.promptOverrideConfiguration?.promptConfigurations ?? []).map((p, i) => ({
      promptType: p.promptType,
      promptCreationMode: p.promptCreationMode,
      promptState: p.promptState,
      basePromptTemplate: redactor.redact(
        `promptOverrideConfiguration.promptConfigurations[${i}].basePromptTemplate`,
        p.basePromptTemplate,
      ),
    }));
    const { guardrail, guardrailVersion } = agentGuardrail(a.guardrailConfiguration, region, accountId);
    const modelArn = a.foundationModel ? modelReferenceArn(region, a.foundationModel) : undefined;
    assets.push(
      awsAsset({
        id: a.agentArn,
        kind: 'agent',
        accountId,
        region,
        name: a.agentName ?? a.agentId ?? a.agentArn,
        nativeType: 'AWS::Bedrock::Agent',
        properties: {
          agentId: a.agentId,
          agentStatus: a.agentStatus,
          foundationModel: a.foundationModel,
          instruction,
          promptOverrides: prompts.length ? prompts : undefined,
          agentResourceRoleArn: a.agentResourceRoleArn,
          customerEncryptionKeyArn: a.customerEncryptionKeyArn,
          guardrailIdentifier: a.guardrailConfiguration?.guardrailIdentifier,
          guardrailVersion,
          hasGuardrail: Boolean(guardrail),
          idleSessionTTLInSeconds: a.idleSessionTTLInSeconds,
          orchestrationType: a.orchestrationType,
          agentCollaboration: a.agentCollaboration,
          memoryEnabled: Boolean(a.memoryConfiguration?.enabledMemoryTypes?.length),
          secretFindings: redactor.findings,
          updatedAt: a.updatedAt,
        },
      }),
    );
    add('uses-model', a.agentArn, modelArn);
    add('runs-as', a.agentArn, a.agentResourceRoleArn);
    if (guardrail) edges.push(edge('guarded-by', a.agentArn, guardrail, { version: guardrailVersion }));
    add('encrypted-by', a.agentArn, a.customerEncryptionKeyArn);
    for (const kb of knowledgeBases) {
      if (kb.knowledgeBaseId)
        add('uses-knowledge-base', a.agentArn, knowledgeBaseArn(region, accountId, kb.knowledgeBaseId));
    }
    for (const g of actionGroups) {
      if (!g.actionGroupId) continue;
      const id = actionGroupId(a.agentArn, g.actionGroupId);
      const lambda = g.actionGroupExecutor?.lambda;
      const functionArn = lambda && isArn(lambda) ? unqualifiedFunctionArn(lambda) : undefined;
      assets.push(
        awsAsset({
          id,
          kind: 'agent-tool',
          accountId,
          region,
          name: g.actionGroupName ?? g.actionGroupId,
          nativeType: 'AWS::Bedrock::AgentActionGroup',
          properties: {
            agentId: g.agentId,
            actionGroupId: g.actionGroupId,
            actionGroupState: g.actionGroupState,
            parentActionGroupSignature: g.parentActionSignature,
            executorLambda: lambda,
            customControl: g.actionGroupExecutor?.customControl,
            apiSchemaS3: g.apiSchema?.s3
              ? { bucket: g.apiSchema.s3.s3BucketName, key: g.apiSchema.s3.s3ObjectKey }
              : undefined,
            functions: (g.functionSchema?.functions ?? []).map((f) => ({
              name: f.name,
              requireConfirmation: f.requireConfirmation,
              parameters: Object.keys(f.parameters ?? {}),
            })),
          },
        }),
      );
      add('uses-tool', a.agentArn, id);
      add('implemented-by', id, functionArn);
    }
  }

  for (const { knowledgeBase: kb, dataSources } of raw.knowledgeBases) {
    if (!kb.knowledgeBaseArn) continue;
    const vector = kb.knowledgeBaseConfiguration?.vectorKnowledgeBaseConfiguration;
    const storage = kb.storageConfiguration;
    const collectionArn = storage?.opensearchServerlessConfiguration?.collectionArn;
    assets.push(
      awsAsset({
        id: kb.knowledgeBaseArn,
        kind: 'knowledge-base',
        accountId,
        region,
        name: kb.name ?? kb.knowledgeBaseId ?? kb.knowledgeBaseArn,
        nativeType: 'AWS::Bedrock::KnowledgeBase',
        properties: {
          knowledgeBaseId: kb.knowledgeBaseId,
          status: kb.status,
          roleArn: kb.roleArn,
          type: kb.knowledgeBaseConfiguration?.type,
          embeddingModelArn: vector?.embeddingModelArn,
          storageType: storage?.type,
          collectionArn,
          vectorIndexName: storage?.opensearchServerlessConfiguration?.vectorIndexName,
          dataSources: dataSources.map((d) => ({
            dataSourceId: d.dataSourceId,
            name: d.name,
            status: d.status,
            type: d.dataSourceConfiguration?.type,
            bucketArn: d.dataSourceConfiguration?.s3Configuration?.bucketArn,
            inclusionPrefixes: d.dataSourceConfiguration?.s3Configuration?.inclusionPrefixes,
            bucketOwnerAccountId: d.dataSourceConfiguration?.s3Configuration?.bucketOwnerAccountId,
            kmsKeyArn: d.serverSideEncryptionConfiguration?.kmsKeyArn,
            dataDeletionPolicy: d.dataDeletionPolicy,
          })),
        },
      }),
    );
    add('stores-vectors-in', kb.knowledgeBaseArn, collectionArn);
    add('runs-as', kb.knowledgeBaseArn, kb.roleArn);
    add(
      'uses-model',
      kb.knowledgeBaseArn,
      vector?.embeddingModelArn ? modelReferenceArn(region, vector.embeddingModelArn) : undefined,
    );
    const buckets = new Set<string>();
    for (const d of dataSources) {
      const b = d.dataSourceConfiguration?.s3Configuration?.bucketArn;
      if (b) buckets.add(b.split('/')[0] as string);
    }
    for (const b of buckets) add('reads-from', kb.knowledgeBaseArn, b);
  }
  return { assets, edges };
}
