import { defineAssetRule } from '../../define.ts';

export default defineAssetRule<'training-job', 'interactiveShell'>({
  id: 'aispm-training-job-interactive-shell',
  title: 'Training job allows an interactive shell into its containers',
  severity: 'medium',
  rationale:
    "An interactive shell into a running training container is a debugging aid that doubles as a way in: anyone allowed to open it runs commands as the job's service account, next to the training data it mounts and the model it writes, and can read the account's tokens or alter the weights before they are saved. Production training should not carry it.",
  remediation: {
    gcp: {
      console: [
        'Vertex AI → Training → Custom jobs: web access (interactive shell) is set when the job is created',
        'Resubmit the job (or the pipeline step) without "Enable web access for training debugging"',
        'Grant aiplatform.customJobs.create only to the pipelines and people who need it; keep debugging to a development project',
      ],
      cli: 'gcloud ai custom-jobs create --region=<region> --display-name=<job> --config=job.yaml # job.yaml: enableWebAccess: false (or omitted)',
    },
  },
  references: ['https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell'],
  concepts: ['training-interactive-shell'],
  appliesTo: { kinds: ['training-job'] },
  providers: ['gcp'],
  frameworks: {
    'owasp-llm-2025': ['LLM04:2025'],
    'owasp-llm-2026': ['LLM05:2026'],
    'owasp-ml-2023': ['ML10:2023', 'ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012', 'AML.T0035'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  needs: ['interactiveShell'],
  check(job) {
    const shell = job.facts.interactiveShell;
    if (shell === undefined) return null; // the platform has no interactive shell for this kind of job
    return {
      fail: shell,
      message: shell
        ? 'Interactive shell (web access) is enabled'
        : 'No interactive shell into the containers',
      evidence: { properties: { interactiveShell: shell } },
    };
  },
});
