import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'notebook', 'secretFindings'>({
  id: 'aispm-notebook-secret-in-startup',
  title: 'Secret embedded in notebook startup / lifecycle script',
  severity: 'critical',
  rationale:
    'Lifecycle scripts are readable by anyone with sagemaker:DescribeNotebookInstanceLifecycleConfig and run on every start; a credential in one is a credential shared with every reader and every process on the instance.',
  remediation: {
    aws: {
      console: [
        'Rotate the exposed credential now',
        'SageMaker console → Lifecycle configurations → edit the script to read the value from Secrets Manager at start',
        'Grant the notebook role secretsmanager:GetSecretValue on that one secret',
      ],
      cli: 'aws sagemaker update-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name <cfg> --on-start Content=$(base64 -w0 on-start.sh)',
    },
    azure: {
      console: [
        'Rotate the exposed credential now',
        "Remove it from the compute instance setup script; read it from the workspace Key Vault at run time with the compute's managed identity",
        'Grant that identity Key Vault Secrets User on the one secret',
      ],
      cli: 'az keyvault secret set --vault-name <vault> --name <name> --value <new-secret>',
      terraform:
        'resource "azurerm_key_vault_secret" "nb" { name = "<name>" value = var.secret key_vault_id = azurerm_key_vault.ws.id }',
    },
    gcp: {
      console: [
        'Rotate the exposed credential now',
        'Remove it from the Workbench post-startup script / instance metadata; read it from Secret Manager at start',
        'Grant the instance service account roles/secretmanager.secretAccessor on that one secret',
      ],
      cli: 'gcloud secrets add-iam-policy-binding <secret> --member=serviceAccount:<sa-email> --role=roles/secretmanager.secretAccessor',
      terraform:
        'resource "google_secret_manager_secret_iam_member" "nb" { secret_id = google_secret_manager_secret.s.id role = "roles/secretmanager.secretAccessor" member = google_service_account.nb.member }',
    },
  },
  references: [REF.sagemakerLifecycle],
  concepts: ['secret-in-notebook-startup'],
  appliesTo: { kinds: ['notebook'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML06:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:sagemaker_notebook_instance_no_secrets'],
  needs: ['secretFindings'],
  check(nb) {
    const found = nb.facts.secretFindings ?? [];
    return {
      fail: found.length > 0,
      message:
        found.length > 0
          ? `Secret(s) found: ${found.map((f) => `${f.detector} in ${f.field}`).join(', ')}`
          : 'No secrets found in startup scripts',
      evidence: { properties: { secretFindings: found } },
    };
  },
});
