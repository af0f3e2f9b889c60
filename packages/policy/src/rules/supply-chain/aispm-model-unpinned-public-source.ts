import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'model' | 'inference-endpoint', 'modelSource' | 'hubContainers'>({
  id: 'aispm-model-unpinned-public-source',
  title: 'Model pulled from a public registry without a pinned revision',
  severity: 'high',
  rationale:
    'A model loaded by hub id (HF_MODEL_ID) with no revision takes whatever the repository holds at start-up: a compromised or renamed upstream repository silently swaps the weights (and any code) the endpoint runs.',
  remediation: {
    aws: {
      console: [
        'Pin the model: set HF_MODEL_REVISION to a commit sha',
        'Better: mirror the reviewed weights into your own artifact bucket (safetensors) and point ModelDataUrl at it',
      ],
    },
    azure: {
      console: [
        'Deploy from a pinned registry model version (azureml://registries/<r>/models/<m>/versions/<v>) instead of a latest label or a live Hugging Face hub reference',
        'Better: mirror the reviewed weights into your own registry',
      ],
      cli: 'az ml online-deployment create --file deployment.yml --resource-group <rg> --workspace-name <ws>   # deployment.yml: model: azureml:<model>:<pinned-version>',
    },
    gcp: {
      console: [
        'Pin the Hugging Face revision (a commit sha) in the serving container environment of the Vertex AI deployment',
        'Better: copy the reviewed weights to your own bucket and upload them to Model Registry as a versioned model',
      ],
      cli: 'gcloud storage cp -r ./reviewed-weights gs://<bucket>/models/<model>/<sha>/',
    },
  },
  references: ['https://huggingface.co/docs/hub/models-downloading', REF.hfSecurity],
  concepts: ['model-unpinned-public-source'],
  appliesTo: { kinds: ['model', 'inference-endpoint'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  needs: ['modelSource', 'hubContainers'],
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML06:2023', 'ML07:2023'],
    'nist-ai-600-1': ['GV-6.1-009', 'MG-3.1-002', 'MS-1.1-002'],
    'mitre-atlas': ['AML.T0010.003', 'AML.T0010'],
  },
  gaiRisks: ['VCCI', 'INFOSEC'],
  peers: [],
  check(asset) {
    const source = asset.facts.modelSource;
    if (source) {
      const { registry, revision } = source;
      if (!registry) return null;
      const pinned = revision !== undefined && revision.length > 0;
      return {
        fail: !pinned,
        message: pinned ? `Pinned to ${revision}` : `Pulled from ${registry} without a revision`,
        evidence: { properties: { modelSource: source } },
      };
    }
    // Containers that pull a hub model by HF_MODEL_ID, pinned when HF_MODEL_REVISION is set beside it.
    const hub = asset.facts.hubContainers ?? [];
    if (hub.length === 0) return null;
    const unpinned = hub.filter((c) => !c.pinned).map((c) => c.image);
    return {
      fail: unpinned.length > 0,
      message:
        unpinned.length > 0
          ? 'HF_MODEL_ID is set without HF_MODEL_REVISION'
          : 'Hub model is pinned with HF_MODEL_REVISION',
      evidence: { properties: { hubContainers: hub } },
    };
  },
});
