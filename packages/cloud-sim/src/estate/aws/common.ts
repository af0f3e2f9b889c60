/** Constants and small helpers shared by the AWS estate's account builder and workload templates. */
import { INTERNET_ID, type Rng } from '@aispm/core';
import type { FoundationModel, PolicyDocument, PolicyStatement } from '../../aws/model.ts';
import type { TruthBuilder } from '../manifest.ts';

export const AWS_REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const AWS_BASE_ACCESS_KEY_ID = 'AKIAAISPMSIMULATOR01';
export const AWS_BASE_SECRET = 'aispm-sim-secret';
export const AWS_SCAN_ROLE = 'AispmReadOnly';

/** Edge kinds MODEL.md lists exhaustively: a scan must produce exactly these. */
export const AWS_EXHAUSTIVE_EDGE_KINDS = [
  'trained-on',
  'produced-by',
  'reads-from',
  'writes-to',
  'runs-as',
  'encrypted-by',
  'serves',
  'logs-to',
  'uses-model',
  'guarded-by',
  'uses-knowledge-base',
  'uses-tool',
  'implemented-by',
  'stores-vectors-in',
  'member-of',
  'has-key',
] as const;

/** 2025-01-01T00:00:00Z: every generated timestamp is before it, so estates do not depend on the clock. */
export const EPOCH = 1735689600;

export const FOUNDATION_MODELS: FoundationModel[] = [
  fm(
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    'Claude 3.5 Sonnet',
    'Anthropic',
    ['TEXT', 'IMAGE'],
    ['TEXT'],
    [],
  ),
  fm(
    'anthropic.claude-3-haiku-20240307-v1:0',
    'Claude 3 Haiku',
    'Anthropic',
    ['TEXT', 'IMAGE'],
    ['TEXT'],
    [],
  ),
  fm(
    'amazon.titan-text-express-v1',
    'Titan Text G1 - Express',
    'Amazon',
    ['TEXT'],
    ['TEXT'],
    ['FINE_TUNING'],
  ),
  fm('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon', ['TEXT'], ['EMBEDDING'], []),
  fm('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', ['TEXT'], ['TEXT'], ['FINE_TUNING']),
  fm('cohere.embed-english-v3', 'Embed English', 'Cohere', ['TEXT'], ['EMBEDDING'], []),
];
export const CHAT_MODELS = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
];
export const TUNABLE_MODELS = ['amazon.titan-text-express-v1', 'meta.llama3-1-8b-instruct-v1:0'];
export const EMBEDDING_MODELS = ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'];

function fm(
  modelId: string,
  modelName: string,
  providerName: string,
  inputModalities: string[],
  outputModalities: string[],
  customizationsSupported: string[],
): FoundationModel {
  return {
    modelId,
    modelName,
    providerName,
    inputModalities,
    outputModalities,
    customizationsSupported,
    inferenceTypesSupported: ['ON_DEMAND', 'PROVISIONED'],
  };
}

export type Level = 'hardened' | 'sloppy' | 'exposed';
export type Template = 'sagemaker-pipeline' | 'bedrock-finetune' | 'agent-rag' | 'notebooks-domain';
export const TEMPLATES: Template[] = [
  'sagemaker-pipeline',
  'bedrock-finetune',
  'agent-rag',
  'notebooks-domain',
];
export const LEVELS: Level[] = ['hardened', 'sloppy', 'exposed'];

export const ACCOUNT_FLAVOURS = [
  'ml-platform',
  'data-science',
  'genai-apps',
  'research',
  'prod-inference',
  'analytics',
];
export const TEAMS = [
  'fraud',
  'support',
  'search',
  'pricing',
  'risk',
  'claims',
  'growth',
  'docs',
  'legal',
  'ops',
];

// --- small id helpers ------------------------------------------------------------------------------

export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function chars(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
  return s;
}
export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
export function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}
export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
export function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}
export function allow(
  action: string | string[],
  resource: string | string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}
export function serviceTrust(service: string): PolicyDocument {
  return doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}
export function bucketResources(name: string): string[] {
  return [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`];
}
/** The internet pseudo-asset exists in the manifest exactly when something is exposed to it. */
export function exposeToInternet(truth: TruthBuilder, assetId: string): void {
  truth.asset(INTERNET_ID, 'internet', 'aispm::Internet', 'global', 'global', 'internet');
  truth.edge('exposed-to-internet', INTERNET_ID, assetId);
}

/** A credential-looking value: an AWS key pair, the kind of secret people paste into scripts and prompts. */
export function fakeAwsSecret(rng: Rng): { keyId: string; secret: string } {
  return {
    keyId: `AKIA${chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    secret: chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+', 40),
  };
}
