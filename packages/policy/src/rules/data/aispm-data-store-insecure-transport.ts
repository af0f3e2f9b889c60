import { defineAssetRule } from '../../define.ts';
import { holdsAiData } from '../common.ts';

export default defineAssetRule<'data-store', 'secureTransportRequired' | 'dataClassification'>({
  id: 'aispm-data-store-insecure-transport',
  title: 'Training / knowledge-base storage accepts requests without TLS',
  severity: 'medium',
  rationale:
    'A store that answers plain-HTTP requests lets a misconfigured client, SDK or pipeline step send training data, model artifacts and RAG documents (and the credentials signing the request) in clear text, where anyone on the path can read or alter them. Requiring TLS at the store makes that impossible whatever the client does.',
  remediation: {
    aws: {
      console: [
        'S3 console → the bucket → Permissions → Bucket policy → Edit',
        'Add a statement denying s3:* to Principal "*" on the bucket and its objects when aws:SecureTransport is false',
        "Keep the statement in the bucket's infrastructure code so a policy rewrite does not drop it",
      ],
      cli: 'aws s3api put-bucket-policy --bucket <b> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<b>","arn:aws:s3:::<b>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\' # merge with the existing statements',
      terraform:
        'data "aws_iam_policy_document" "tls" { statement { sid = "DenyInsecureTransport" effect = "Deny" actions = ["s3:*"] resources = [aws_s3_bucket.b.arn, format("%s/*", aws_s3_bucket.b.arn)] principals { type = "*" identifiers = ["*"] } condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] } } } resource "aws_s3_bucket_policy" "b" { bucket = aws_s3_bucket.b.id policy = data.aws_iam_policy_document.tls.json }',
    },
    azure: {
      console: [
        'Storage account → Settings → Configuration → Secure transfer required → Enabled → Save',
        'Set Minimum TLS version to 1.2 at the same time',
      ],
      cli: 'az storage account update --name <acct> --resource-group <rg> --https-only true --min-tls-version TLS1_2',
      terraform:
        'resource "azurerm_storage_account" "sa" { https_traffic_only_enabled = true min_tls_version = "TLS1_2" }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    'https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer',
  ],
  concepts: ['data-store-insecure-transport'],
  appliesTo: { kinds: ['data-store'] },
  providers: ['aws', 'azure'],
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025', 'LLM04:2025'],
    'owasp-llm-2026': ['LLM02:2026', 'LLM05:2026'],
    'owasp-ml-2023': ['ML02:2023', 'ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0025', 'AML.T0020'],
  },
  gaiRisks: ['INFOSEC', 'PRIV', 'INTEG'],
  peers: [
    'prowler:s3_bucket_secure_transport_policy',
    'prowler:storage_secure_transfer_required_is_enabled',
    'azure-policy:404c3081-a854-4457-ae30-26a93ef643f9',
  ],
  scope: (store, g) => holdsAiData(g, store),
  // What a storage account holds comes from its container listing: unread, the rule cannot say it does not apply.
  needs: ['secureTransportRequired', 'dataClassification'],
  check(store) {
    const required = store.facts.secureTransportRequired;
    if (required === undefined) return null; // a container: transport is the account's setting
    return {
      fail: !required,
      message: required ? 'Requests without TLS are refused' : 'Requests without TLS are accepted',
      evidence: { properties: { secureTransportRequired: required } },
    };
  },
});
