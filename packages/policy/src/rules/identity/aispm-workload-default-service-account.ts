import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'notebook' | 'training-job' | 'inference-endpoint' | 'agent'>({
  id: 'aispm-workload-default-service-account',
  title: 'AI workload runs as the default compute service account',
  severity: 'high',
  rationale:
    'The default compute service account is shared by every VM and workload that does not name another, and in many projects still holds the Editor role: a notebook, training job, endpoint or agent running as it can read and change almost everything in the project, and anything that compromises one of those workloads (a poisoned package, an injected prompt, a notebook user) inherits it. AI workloads should run as their own least-privilege service accounts.',
  remediation: {
    gcp: {
      console: [
        'IAM & Admin → Service accounts → Create a service account for the workload, granted only the roles it needs (e.g. roles/aiplatform.user and read on its buckets)',
        'Recreate or update the workload to run as it: Workbench instance → Service account, custom job / pipeline → serviceAccount, endpoint deployment → service account, Agent Engine → service account',
        'Remove the Editor role from the default compute service account (or enforce iam.automaticIamGrantsForDefaultServiceAccounts)',
      ],
      cli: 'gcloud iam service-accounts create <workload-sa> --project=<project> && gcloud workbench instances create <nb> --location=<zone> --service-account-email=<workload-sa>@<project>.iam.gserviceaccount.com',
      terraform:
        'resource "google_service_account" "nb" { account_id = "<workload-sa>" } resource "google_workbench_instance" "nb" { gce_setup { service_accounts { email = google_service_account.nb.email } } }',
    },
  },
  references: [
    'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account',
    'https://cloud.google.com/vertex-ai/docs/general/custom-service-account',
  ],
  concepts: ['workload-default-service-account'],
  appliesTo: { kinds: ['notebook', 'training-job', 'inference-endpoint', 'agent'] },
  providers: ['gcp'],
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-ml-2023': ['ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:compute_instance_default_service_account_in_use', 'checkov:CKV_GCP_30'],
  check(workload, g) {
    const runsAs = g.out(workload.id, 'runs-as');
    // Judged only on what is read: an identity the scan did not import, or did not classify, gives no verdict.
    const known = runsAs.filter((e) => {
      const id = g.asset(e.to);
      return typeof g.factsOf(id, 'identity')?.defaultServiceAccount === 'boolean';
    });
    if (known.length === 0) return null;
    const defaults = known.filter(
      (e) => g.factsOf(g.asset(e.to), 'identity')?.defaultServiceAccount === true,
    );
    return {
      fail: defaults.length > 0,
      message:
        defaults.length > 0
          ? 'Runs as the default compute service account'
          : 'Runs as a dedicated service account',
      evidence: { edges: edgeEvidence(defaults.length > 0 ? defaults : known) },
    };
  },
});
