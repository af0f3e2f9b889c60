import type { ExportAsset, ExportEdge, ExportFinding, ExportRule, FrameworkInfo } from '../src/index.ts';

export async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}

export const RULE: ExportRule = {
  id: 'aispm-training-data-public',
  title: 'Training data bucket is publicly readable',
  severity: 'high',
  rationale: 'Anyone on the internet can read or poison the data a model is trained on.',
  remediation: {
    aws: { console: ['Block public access on the bucket'], cli: 'aws s3api put-public-access-block …' },
  },
  references: ['https://owasp.org/www-project-top-10-for-large-language-model-applications/'],
  frameworks: { 'owasp-llm-2025': ['LLM04:2025'], 'mitre-atlas': ['AML.T0020'] },
};

export const FRAMEWORK: FrameworkInfo = {
  id: 'owasp-llm-2025',
  title: 'OWASP Top 10 for LLM Applications 2025',
  version: '2025',
  source: 'https://genai.owasp.org/',
  controls: [
    { id: 'LLM04:2025', title: 'Data and Model Poisoning' },
    {
      id: 'LLM09:2025',
      title: 'Misinformation',
      notEvidenceable: 'Output quality is not cloud configuration.',
    },
  ],
};

export function finding(over: Partial<ExportFinding> = {}): ExportFinding {
  return {
    id: '0b5f4c1e-4a57-4c36-9f7e-2f8d1f6c0a11',
    fingerprint: 'fp-1',
    ruleId: RULE.id,
    title: RULE.title,
    severity: 'high',
    riskScore: 8.5,
    status: 'open',
    assetId: 'arn:aws:s3:::train-data',
    assetName: 'train-data',
    assetKind: 'data-store',
    assetType: 'AWS::S3::Bucket',
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    controls: ['LLM04:2025', 'AML.T0020'],
    evidence: { properties: { publicRead: true }, edges: [] },
    suppressReason: null,
    suppressedBy: null,
    suppressedUntil: null,
    firstSeenAt: '2026-12-01T10:00:00.000Z',
    lastSeenAt: '2026-12-04T10:00:00.000Z',
    resolvedAt: null,
    ...over,
  };
}

export const ASSETS: ExportAsset[] = [
  {
    id: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/m1',
    kind: 'model',
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    name: 'm1',
    nativeType: 'AWS::Bedrock::CustomModel',
    properties: { baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/x', modelArchitecture: 'llama' },
    tags: { team: 'ml' },
    trainedOn: ['arn:aws:s3:::train-data'],
  },
  {
    id: 'arn:aws:s3:::train-data',
    kind: 'data-store',
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    name: 'train-data',
    nativeType: 'AWS::S3::Bucket',
    properties: {},
    tags: {},
  },
  {
    id: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/e1',
    kind: 'inference-endpoint',
    provider: 'aws',
    accountId: '111111111111',
    region: 'us-east-1',
    name: 'e1',
    nativeType: 'AWS::SageMaker::Endpoint',
    properties: {},
    tags: {},
  },
  {
    id: 'arn:aws:iam::111111111111:role/r',
    kind: 'identity',
    provider: 'aws',
    accountId: '111111111111',
    region: 'global',
    name: 'r',
    nativeType: 'AWS::IAM::Role',
    properties: {},
    tags: {},
  },
];

export const EDGES: ExportEdge[] = [
  {
    kind: 'trained-on',
    from: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/m1',
    to: 'arn:aws:s3:::train-data',
  },
  {
    kind: 'serves',
    from: 'arn:aws:sagemaker:us-east-1:111111111111:endpoint/e1',
    to: 'arn:aws:bedrock:us-east-1:111111111111:custom-model/m1',
  },
];
