import { cmkRule } from '../common.ts';

export default cmkRule({
  id: 'aispm-dataset-no-cmk',
  title: 'Managed dataset or feature store not encrypted with a customer-managed key',
  kinds: ['dataset', 'feature-store'],
  what: 'Dataset / feature store',
  keyFields: ['kmsKeyName', 'encryptionSpec.kmsKeyName'],
  references: ['https://cloud.google.com/vertex-ai/docs/general/cmek'],
  remediation: {
    console: [
      'CMEK is set at creation: re-create the dataset / feature store with "Customer-managed encryption key" selected',
      'Grant the Vertex AI service agent cloudkms.cryptoKeyEncrypterDecrypter on the key',
    ],
    cli: 'gcloud ai datasets create ... --encryption-kms-key-name=projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>',
  },
});
