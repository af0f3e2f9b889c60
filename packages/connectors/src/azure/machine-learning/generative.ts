import { type UnknownFact, unknownFact } from '@aispm/core';

/**
 * Generative model families as the Azure ML model catalog names them, and the inference environments the catalog
 * deploys them on (foundation-model-inference, vLLM, text-generation-inference).
 */
const GENERATIVE =
  /llama|mistral|mixtral|ministral|codestral|jamba|phi-?[1-4]|gpt|falcon|gemma|qwen|deepseek|command-r|jais|dbrx|bloom|mpt-\d|dolly|zephyr|vicuna|stable-?diffusion|foundation-model-inference|vllm|text-generation/i;

/** Classic ML serving frameworks: a deployment on one of them scores features, it takes no prompt. */
const CLASSIC = /sklearn|scikit-learn|xgboost|lightgbm|catboost/i;

/**
 * The name an Azure ML asset reference gives: `…/models/<name>/versions/<v>`, `azureml://registries/<r>/models/<name>/…`,
 * `azureml:<name>:<v>`, or a curated environment's own name (`AzureML-sklearn-1.0-…@latest`). Only the name is
 * matched, so a workspace or registry called "chat-…" does not make every model in it generative.
 */
function refName(ref: string | undefined, collection: 'models' | 'environments'): string | undefined {
  if (!ref) return undefined;
  const inPath = new RegExp(`/${collection}/([^/]+)`, 'i').exec(ref);
  if (inPath?.[1]) return inPath[1];
  return /^azureml:([^:@/]+)/i.exec(ref)?.[1] ?? ref;
}

export interface DeploymentRefs {
  model?: string | undefined;
  environmentId?: string | undefined;
}

/**
 * Whether an online endpoint serves a generative model, from what its deployments name: true when one deploys a
 * catalog LLM (or runs on an LLM inference environment), false when every one runs on a classic ML framework, unknown
 * otherwise — a workspace's own model version does not say what it was trained to do.
 */
export function servesGenerativeModel(
  deployments: readonly DeploymentRefs[] | undefined,
): boolean | UnknownFact {
  const named = (deployments ?? []).map((d) => ({
    model: refName(d.model, 'models') ?? '',
    env: refName(d.environmentId, 'environments') ?? '',
  }));
  if (named.some((d) => GENERATIVE.test(d.model) || GENERATIVE.test(d.env))) return true;
  if (named.length > 0 && named.every((d) => CLASSIC.test(d.env))) return false;
  return unknownFact(
    deployments === undefined
      ? "the online endpoint's deployments could not be listed"
      : named.length === 0
        ? 'the online endpoint has no deployment, so no model it serves'
        : 'its deployments serve workspace models on custom environments, which do not say whether the model is generative',
  );
}

/** Catalog models that embed or rank text: they take text but generate none. */
const NON_GENERATIVE = /embed|rerank/i;

/**
 * Whether a serverless API endpoint serves a generative model, from the catalog model its `modelSettings.modelId`
 * names (`azureml://registries/<r>/models/<name>`): an LLM family is generative, an embedding or rerank model is not,
 * any other name is unknown.
 */
export function serverlessServesGenerativeModel(modelId: string | undefined): boolean | UnknownFact {
  const name = refName(modelId, 'models');
  if (!name) return unknownFact('the serverless endpoint names no model (modelSettings.modelId)');
  if (NON_GENERATIVE.test(name)) return false;
  if (GENERATIVE.test(name)) return true;
  return unknownFact(`the catalog model ${name} is not one the scanner knows to be generative or not`);
}
