import { AwsError, numberParam, type OpContext, paginate } from './protocol.ts';
import { type AwsService, json, RestRouter } from './service.ts';

const router = new RestRouter()
  .add('GET', '/foundation-models', 'ListFoundationModels')
  .add('GET', '/custom-models', 'ListCustomModels')
  .add('GET', '/custom-models/{modelIdentifier}', 'GetCustomModel')
  .add('GET', '/imported-models', 'ListImportedModels')
  .add('GET', '/imported-models/{modelIdentifier}', 'GetImportedModel')
  .add('GET', '/inference-profiles', 'ListInferenceProfiles')
  .add('GET', '/model-customization-jobs', 'ListModelCustomizationJobs')
  .add('GET', '/model-customization-jobs/{jobIdentifier}', 'GetModelCustomizationJob')
  .add('GET', '/provisioned-model-throughputs', 'ListProvisionedModelThroughputs')
  .add('GET', '/guardrails', 'ListGuardrails')
  .add('GET', '/guardrails/{guardrailIdentifier}', 'GetGuardrail')
  .add('GET', '/logging/modelinvocations', 'GetModelInvocationLoggingConfiguration')
  .add('GET', '/enforcedGuardrailsConfiguration', 'ListEnforcedGuardrailsConfiguration')
  .add('GET', '/resource-policy/{resourceArn}', 'GetResourcePolicy');

function notFound(what: string, id: string): AwsError {
  return new AwsError('ResourceNotFoundException', 404, `${what} ${id} not found`);
}

/** Bedrock identifiers may be a name, an id or an ARN. */
function findBy<T extends Record<string, unknown>>(
  items: readonly T[],
  id: string,
  keys: string[],
): T | undefined {
  return items.find((item) => keys.some((k) => item[k] === id));
}

/**
 * A guardrail's resource-based policy. A guardrail without one answers ResourceNotFoundException, as does an ARN
 * that names no guardrail of the region (the SDK's declared errors: AccessDenied, NotFound, Validation …).
 */
function resourcePolicyOf(c: OpContext): string {
  const arn = c.path.resourceArn as string;
  const policy = c.regional.guardrailPolicies[arn];
  if (!policy) throw new AwsError('ResourceNotFoundException', 404, `No resource policy for ${arn}`);
  return JSON.stringify(policy);
}

function page<T>(c: OpContext, items: readonly T[]) {
  return paginate(items, c.params.get('nextToken'), numberParam(c.params.get('maxResults')), c.endless);
}

export const bedrock: AwsService = {
  protocol: 'restJson',
  actionPrefix: 'bedrock',
  resolve: (req) => router.match(req.method, req.url.pathname),
  handle(name, c) {
    const r = c.regional;
    switch (name) {
      case 'ListFoundationModels': {
        const provider = c.params.get('byProvider');
        const models = c.estate.foundationModels
          .filter((m) => !provider || m.providerName.toLowerCase() === provider.toLowerCase())
          .map((m) => ({
            ...m,
            modelArn: `arn:aws:bedrock:${c.caller.region}::foundation-model/${m.modelId}`,
            responseStreamingSupported: true,
            modelLifecycle: { status: 'ACTIVE' },
          }));
        return json({ modelSummaries: models });
      }
      case 'ListCustomModels': {
        const { page: items, next } = page(c, r.customModels);
        return json({
          modelSummaries: items.map((m) => ({
            modelArn: m.modelArn,
            modelName: m.modelName,
            creationTime: m.creationTime,
            baseModelArn: m.baseModelArn,
            baseModelName: String(m.baseModelArn).split('/').pop(),
            customizationType: m.customizationType,
            ownerAccountId: c.caller.account.Id,
            modelStatus: m.modelStatus,
          })),
          nextToken: next,
        });
      }
      case 'GetCustomModel': {
        const id = c.path.modelIdentifier as string;
        const m = findBy(r.customModels, id, ['modelArn', 'modelName']);
        if (!m) throw notFound('Custom model', id);
        return json(m);
      }
      case 'ListImportedModels': {
        const { page: items, next } = page(c, r.importedModels);
        return json({
          modelSummaries: items.map((m) => ({
            modelArn: m.modelArn,
            modelName: m.modelName,
            creationTime: m.creationTime,
            instructSupported: true,
            modelArchitecture: m.modelArchitecture,
          })),
          nextToken: next,
        });
      }
      case 'GetImportedModel': {
        const id = c.path.modelIdentifier as string;
        const m = findBy(r.importedModels, id, ['modelArn', 'modelName']);
        if (!m) throw notFound('Imported model', id);
        return json(m);
      }
      case 'ListInferenceProfiles': {
        // Only application profiles are the account's; the region's system-defined profiles are not simulated.
        const type = c.params.get('type');
        const all = type && type !== 'APPLICATION' ? [] : r.inferenceProfiles;
        const { page: items, next } = page(c, all);
        return json({ inferenceProfileSummaries: items, nextToken: next });
      }
      case 'ListModelCustomizationJobs': {
        const { page: items, next } = page(c, r.customizationJobs);
        return json({
          modelCustomizationJobSummaries: items.map((j) => ({
            jobArn: j.jobArn,
            baseModelArn: j.baseModelArn,
            jobName: j.jobName,
            status: j.status,
            lastModifiedTime: j.lastModifiedTime,
            creationTime: j.creationTime,
            endTime: j.endTime,
            customModelArn: j.outputModelArn,
            customModelName: j.outputModelName,
            customizationType: j.customizationType,
          })),
          nextToken: next,
        });
      }
      case 'GetModelCustomizationJob': {
        const id = c.path.jobIdentifier as string;
        const j = findBy(r.customizationJobs, id, ['jobArn', 'jobName']);
        if (!j) throw notFound('Model customization job', id);
        return json(j);
      }
      case 'ListProvisionedModelThroughputs': {
        const { page: items, next } = page(c, r.provisionedThroughputs);
        return json({ provisionedModelSummaries: items, nextToken: next });
      }
      case 'ListGuardrails': {
        const wanted = c.params.get('guardrailIdentifier');
        const all = wanted
          ? r.guardrails.filter((g) => g.guardrailId === wanted || g.guardrailArn === wanted)
          : r.guardrails;
        const { page: items, next } = page(c, all);
        return json({
          guardrails: items.map((g) => ({
            id: g.guardrailId,
            arn: g.guardrailArn,
            status: g.status,
            name: g.name,
            description: g.description,
            version: g.version,
            createdAt: g.createdAt,
            updatedAt: g.updatedAt,
          })),
          nextToken: next,
        });
      }
      case 'GetGuardrail': {
        const id = c.path.guardrailIdentifier as string;
        const g = findBy(r.guardrails, id, ['guardrailId', 'guardrailArn']);
        if (!g) throw notFound('Guardrail', id);
        return json(g);
      }
      case 'GetModelInvocationLoggingConfiguration':
        return json(r.loggingConfig ? { loggingConfig: r.loggingConfig } : {});
      case 'ListEnforcedGuardrailsConfiguration': {
        const { page, next } = paginate(
          r.enforcedGuardrails,
          c.params.get('nextToken'),
          undefined,
          c.endless,
        );
        return json({ guardrailsConfig: page, nextToken: next });
      }
      case 'GetResourcePolicy':
        return json({ resourcePolicy: resourcePolicyOf(c) });
      default:
        throw new AwsError('UnknownOperationException', 404, `Unknown operation ${name}`);
    }
  },
};
