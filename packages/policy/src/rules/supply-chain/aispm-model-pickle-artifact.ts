import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

const PICKLE = /\.(pkl|pickle|pt|pth|bin|joblib)$/i;

export default defineAssetRule<'model', 'artifactUris' | 'artifactFormat'>({
  id: 'aispm-model-pickle-artifact',
  title: 'Model artifact in pickle format (arbitrary code on load)',
  severity: 'high',
  rationale:
    "Pickle-based formats (.pkl, .pickle, torch .pt/.pth/.bin, .joblib) execute code while loading: a tampered artifact runs the attacker's code inside the serving container with its role.",
  remediation: {
    aws: {
      console: [
        'Convert the weights to safetensors (or ONNX) and serve those',
        'Scan existing pickles (e.g. picklescan / modelscan) before loading',
        'Restrict who can write the artifact location',
      ],
    },
    azure: {
      console: [
        'Convert the weights to safetensors (or ONNX) and register that version in the Azure ML workspace or registry',
        'Scan existing pickles (picklescan / modelscan) before loading',
        'Restrict Storage Blob Data Contributor on the model container',
      ],
      cli: 'az ml model create --name <model> --version <v> --path ./model.safetensors --type custom_model --resource-group <rg> --workspace-name <ws>',
    },
    gcp: {
      console: [
        'Convert the weights to safetensors (or ONNX) and upload that artifact to Vertex AI Model Registry',
        'Scan existing pickles (picklescan / modelscan) before loading',
        'Restrict roles/storage.objectAdmin on the artifact bucket',
      ],
      cli: 'gcloud ai models upload --region=<region> --display-name=<name> --container-image-uri=<serving-image> --artifact-uri=gs://<bucket>/<safetensors-dir>',
    },
  },
  references: [REF.hfSecurity],
  concepts: ['model-pickle-artifact'],
  appliesTo: { kinds: ['model'] },
  frameworks: {
    'owasp-llm-2025': ['LLM03:2025'],
    'owasp-llm-2026': ['LLM04:2026'],
    'owasp-ml-2023': ['ML06:2023', 'ML10:2023'],
    'nist-ai-600-1': ['MS-1.1-002', 'MG-3.1-002'],
    'mitre-atlas': ['AML.T0011.000', 'AML.T0018.002', 'AML.T0010.003'],
  },
  gaiRisks: ['VCCI', 'INFOSEC'],
  peers: [],
  needs: ['artifactUris', 'artifactFormat'],
  check(model) {
    const format = model.facts.artifactFormat;
    const uris = model.facts.artifactUris ?? [];
    if (uris.length === 0 && format === undefined) return null;
    const pickles = uris.filter((u) => PICKLE.test(u.replace(/\/+$/, '')));
    const fail = pickles.length > 0 || (format !== undefined && /pickle|torch|joblib/i.test(format));
    return {
      fail,
      message: fail
        ? `Pickle-format artifact: ${pickles.join(', ') || String(format)}`
        : 'Artifacts are not pickle files',
      evidence: { properties: { artifactUris: uris, artifactFormat: format ?? null } },
    };
  },
});
